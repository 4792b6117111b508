import { startService } from '@denpyo/platform';
import { testServiceEnv } from '@denpyo/platform/testing';
import { createPaymentService } from '../src/service';
import { TEST_REQUESTER, publish, vendorRegistered, paymentOrdered } from './helpers';

test('debug', async () => {
  const service = await startService(createPaymentService({ requester: TEST_REQUESTER }), testServiceEnv('payment', { LOG_LEVEL: 'debug' }));
  const v = vendorRegistered();
  const t0 = Date.now();
  await publish(service, 'VendorRegistered', v.vendorId, v);
  for (let i = 0; i < 6; i++) { const o = paymentOrdered(v.vendorId); await publish(service, 'PaymentOrdered', o.invoiceId, o); }
  for (let i = 0; i < 40; i++) {
    const n = (await service.runtime.pool.query('SELECT count(*)::int n FROM payments')).rows[0].n;
    const m = (await service.runtime.pool.query('SELECT count(*)::int n FROM vendors')).rows[0].n;
    console.log(Date.now() - t0, n, m);
    if (n === 6 && m === 1) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await service.stop();
}, 60000);
