export { paymentService } from './service';
export { DEMO_REQUESTER_ENV, paymentEnvSchema, requesterFromEnv, type PaymentEnv } from './config';
