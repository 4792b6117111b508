export type {
  ApprovalRecord,
  BankAccount,
  BudgetLine,
  ContractVoucher,
  Party,
  PaymentOrderLine,
  PaymentOrderVoucher,
  RemittanceNotice,
  RouteStep,
  TaxLine,
  TaxRate,
} from './types';
export { renderContractVoucher } from './vouchers/contract';
export { renderPaymentOrderVoucher } from './vouchers/payment-order';
export { renderRemittanceNotice } from './vouchers/remittance';
export { verificationHash } from './hash';
export { formatWarekiDateTime } from './datetime';
export { UNNAMED_SIGNER } from './labels';
