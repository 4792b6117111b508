export { paymentService } from './service';
export { paymentEnvSchema, requesterFromEnv, type PaymentEnv } from './config';
