import { ok, refuse, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import { rankAtLeast, type BudgetTransferStatus, type Rank } from '@denpyo/schemas';
import { RANK_LABELS } from './labels';
import type { Signer } from './route';

/** 款.項.目 of a budget code: its first three groups ('01.02.03' of '01.02.03.04'). */
export function mokuOf(code: string): string {
  return code.split('.').slice(0, 3).join('.');
}

/**
 * 流用 moves money between 節 of the same 款・項・目 of one year (地方自治法 Art. 220(2): 款 and 項
 * are voted by the assembly and move only by a supplementary budget; 目 and 節 are 執行科目). The
 * source line must have the amount available (予算現額 − encumbered) now.
 */
export function checkTransfer(
  request: { fromCode: string; toCode: string; amount: number; fiscalYear: number },
  found: { from?: { available: number }; to?: { available: number } },
): Outcome<void> {
  const errors: FieldError[] = [];
  if (request.fromCode === request.toCode) {
    errors.push({ path: 'toCode', message: 'must be another 節 than fromCode' });
  } else if (mokuOf(request.fromCode) !== mokuOf(request.toCode)) {
    errors.push({
      path: 'toCode',
      message: `must be a 節 of the same 款.項.目 as fromCode (${mokuOf(request.fromCode)})`,
    });
  }
  if (!found.from) {
    errors.push({
      path: 'fromCode',
      message: `no budget line with this code in fiscal year ${request.fiscalYear}`,
    });
  } else if (found.from.available < request.amount) {
    errors.push({
      path: 'amount',
      message: `¥${request.amount} exceeds the ¥${found.from.available} available on ${request.fromCode}`,
    });
  }
  if (!found.to) {
    errors.push({
      path: 'toCode',
      message: `no budget line with this code in fiscal year ${request.fiscalYear}`,
    });
  }
  if (errors.length > 0) return refuse('unprocessable', 'The transfer is not allowed', errors);
  return ok(undefined);
}

/**
 * Who decides a transfer: an approver of at least `required` rank (the TRANSFER_APPROVER_RANK
 * setting), never whoever requested it.
 */
export function decideTransferDecision(
  transfer: { status: BudgetTransferStatus; requestedBy: string },
  signer: Signer,
  required: Rank,
): Outcome<void> {
  if (signer.username === transfer.requestedBy) {
    return refuse('forbidden', 'Whoever requested a budget transfer cannot decide it');
  }
  if (!signer.rank || !rankAtLeast(signer.rank, required)) {
    return refuse(
      'forbidden',
      `A budget transfer is decided by a ${RANK_LABELS[required]} (${required}) or above`,
    );
  }
  if (transfer.status !== 'requested') {
    return refuse('conflict', `This budget transfer is already ${transfer.status}`);
  }
  return ok(undefined);
}
