import type { ContractVoucher, PaymentOrderVoucher, RemittanceNotice } from './types';
import { renderInPool } from './pool';
import type { TransferSummary } from './vouchers/transfer-summary';

export type {
  ApprovalRecord,
  BankAccount,
  BudgetLine,
  BudgetStatus,
  ContractVoucher,
  Party,
  PaymentOrderLine,
  PaymentMethod,
  PaymentOrderVoucher,
  RemittanceNotice,
  RouteStep,
  TaxLine,
  TaxRate,
} from './types';
export type { TransferSummary, TransferSummaryBank } from './vouchers/transfer-summary';
export { PdfQueueFull, pdfRenderingStats, usePdfRendering, type PdfRenderingOptions } from './pool';
export { verificationHash } from './hash';
export { printedDocument, type DocumentHeading, type PrintedDocument } from './printed-document';
export { formatWarekiDateTime } from './datetime';
export { UNNAMED_SIGNER, signerName } from './labels';

// Each voucher is drawn on a worker thread of the process's pool (pool.ts); the data must be
// plain values (structured clone), as the voucher types are. `verificationUrl`: the portal page
// the footer's QR code opens (@denpyo/schemas verificationUrl); without it, the hash alone.

/** 支出負担行為決議書 (vouchers/contract.ts), as PDF bytes. */
export const renderContractVoucher = (
  voucher: ContractVoucher,
  verificationUrl?: string,
): Promise<Buffer> => renderInPool({ voucher: 'contract', data: voucher, verificationUrl });

/** 支出命令書 (vouchers/payment-order.ts), as PDF bytes. */
export const renderPaymentOrderVoucher = (
  voucher: PaymentOrderVoucher,
  verificationUrl?: string,
): Promise<Buffer> => renderInPool({ voucher: 'payment-order', data: voucher, verificationUrl });

/** 振込通知書 (vouchers/remittance.ts), as PDF bytes. */
export const renderRemittanceNotice = (
  notice: RemittanceNotice,
  verificationUrl?: string,
): Promise<Buffer> => renderInPool({ voucher: 'remittance-notice', data: notice, verificationUrl });

/** 総合振込依頼書 (vouchers/transfer-summary.ts), as PDF bytes. */
export const renderTransferSummary = (
  summary: TransferSummary,
  verificationUrl?: string,
): Promise<Buffer> => renderInPool({ voucher: 'transfer-summary', data: summary, verificationUrl });
