export { createPaymentService, type PaymentServiceOptions } from './service';
export { paymentEnvSchema, requesterFromEnv, type PaymentEnv } from './config';
