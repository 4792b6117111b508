import { loadConfigOrExit, runService } from '@denpyo/platform';
import { paymentEnvSchema, requesterFromEnv } from './config';
import { createPaymentService } from './service';

const requester = requesterFromEnv(loadConfigOrExit(paymentEnvSchema));

runService(createPaymentService({ requester })).catch((error: unknown) => {
  process.stderr.write(`payment service failed to start: ${String(error)}\n`);
  process.exit(1);
});
