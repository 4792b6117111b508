// What a render worker is asked to do: which voucher, and its data as plain values (structured
// clone carries them to the worker thread; nothing with methods or prototypes crosses).
import type { ContractVoucher, PaymentOrderVoucher, RemittanceNotice } from './types';
import { renderContractVoucher } from './vouchers/contract';
import { renderPaymentOrderVoucher } from './vouchers/payment-order';
import { renderRemittanceNotice } from './vouchers/remittance';
import { renderTransferSummary, type TransferSummary } from './vouchers/transfer-summary';

export type RenderJob = (
  | { voucher: 'contract'; data: ContractVoucher }
  | { voucher: 'payment-order'; data: PaymentOrderVoucher }
  | { voucher: 'remittance-notice'; data: RemittanceNotice }
  | { voucher: 'transfer-summary'; data: TransferSummary }
) & {
  /** The verification page the footer's QR code opens; no code without it. */
  verificationUrl?: string;
};

/** Renders a job on the calling thread (the worker's, or the main one in benchmarks). */
export function renderHere(job: RenderJob): Promise<Buffer> {
  switch (job.voucher) {
    case 'contract':
      return renderContractVoucher(job.data, job.verificationUrl);
    case 'payment-order':
      return renderPaymentOrderVoucher(job.data, job.verificationUrl);
    case 'remittance-notice':
      return renderRemittanceNotice(job.data, job.verificationUrl);
    case 'transfer-summary':
      return renderTransferSummary(job.data, job.verificationUrl);
  }
}
