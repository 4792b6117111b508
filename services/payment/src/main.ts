import { loadConfigOrExit, runService } from '@denpyo/platform';
import { paymentEnvSchema, requesterFromEnv } from './config';
import { createPaymentService } from './service';

const requester = requesterFromEnv(loadConfigOrExit(paymentEnvSchema));

void runService(createPaymentService({ requester }));
