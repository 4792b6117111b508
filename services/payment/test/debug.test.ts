import { startService } from '@denpyo/platform';
import { testServiceEnv } from '@denpyo/platform/testing';
import { createPaymentService } from '../src/service';
import { TEST_REQUESTER, publish, vendorRegistered } from './helpers';

test('debug', async () => {
  const service = await startService(createPaymentService({ requester: TEST_REQUESTER }), testServiceEnv('payment', { LOG_LEVEL: 'debug' }));
  const v = vendorRegistered();
  await publish(service, 'VendorRegistered', v.vendorId, v);
  await new Promise((r) => setTimeout(r, 4000));
  console.log((await service.runtime.pool.query('SELECT * FROM vendors')).rows, (await service.runtime.pool.query('SELECT * FROM inbox')).rows);
  await service.stop();
});
