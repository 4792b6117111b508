import {
  CONTRACT_STATUS_LABELS,
  INVOICE_STATUS_LABELS,
  PAYMENT_STATUS_LABELS,
  TRANSFER_BATCH_STATUS_LABELS,
} from '@denpyo/schemas';
import { statusLabel } from './status-words';

describe('status words', () => {
  it('are the words of the CSV downloads (one source: @denpyo/schemas)', () => {
    for (const [kind, words] of [
      ['contract', CONTRACT_STATUS_LABELS],
      ['invoice', INVOICE_STATUS_LABELS],
      ['payment', PAYMENT_STATUS_LABELS],
      ['batch', TRANSFER_BATCH_STATUS_LABELS],
    ] as const) {
      for (const [status, word] of Object.entries(words)) {
        expect(statusLabel(kind, status)).toBe(word);
      }
    }
    expect(statusLabel('payment', 'batched')).toBe('振込手続中');
    expect(statusLabel('batch', 'settled')).toBe('振込済');
    expect(statusLabel('vendor', 'active')).toBe('有効');
  });

  it('shows a status no schema has as it was sent', () => {
    expect(statusLabel('payment', 'returned')).toBe('returned');
    expect(statusLabel('batch', 'archived')).toBe('archived');
    expect(statusLabel('invoice', 'toString')).toBe('toString');
  });
});
