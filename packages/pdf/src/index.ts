import type { ContractVoucher, PaymentOrderVoucher, RemittanceNotice } from './types';
import { renderInPool } from './pool';

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
export { PdfQueueFull, usePdfRendering, type PdfRenderingOptions } from './pool';
export { verificationHash } from './hash';
export { formatWarekiDateTime } from './datetime';
export { UNNAMED_SIGNER } from './labels';

// Each voucher is drawn on a worker thread of the process's pool (pool.ts); the data must be
// plain values (structured clone), as the voucher types are.

/** 支出負担行為決議書 (vouchers/contract.ts), as PDF bytes. */
export const renderContractVoucher = (voucher: ContractVoucher): Promise<Buffer> =>
  renderInPool({ voucher: 'contract', data: voucher });

/** 支出命令書 (vouchers/payment-order.ts), as PDF bytes. */
export const renderPaymentOrderVoucher = (voucher: PaymentOrderVoucher): Promise<Buffer> =>
  renderInPool({ voucher: 'payment-order', data: voucher });

/** 振込通知書 (vouchers/remittance.ts), as PDF bytes. */
export const renderRemittanceNotice = (notice: RemittanceNotice): Promise<Buffer> =>
  renderInPool({ voucher: 'remittance-notice', data: notice });
