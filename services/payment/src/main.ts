import { runService } from '@denpyo/platform';
import { paymentEnvSchema, requesterFromEnv } from './config';
import { createPaymentService } from './service';

void runService(
  (env) => createPaymentService({ requester: requesterFromEnv(env) }),
  paymentEnvSchema,
);
