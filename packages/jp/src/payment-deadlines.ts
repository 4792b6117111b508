// The deadlines of 政府契約の支払遅延防止等に関する法律 (applied to local governments by its
// Art. 14), counted from the day a proper claim arrives (receivedOn):
// - inspection (検査・検収) within 10 days, 14 for works (工事) (Art. 5 (2));
// - payment within 30 days, 40 for works (Art. 6 (1)), moved to the previous bank business day
//   so that the payment never lands after the deadline;
// - an inspection done after its deadline takes the days from the day after that deadline up to
//   the inspection day off the payment period (Art. 7 (1)): the due date moves earlier.
// Our reading: Denpyo treats the arrival of the invoice as both the notice of completion (Art. 5)
// and the proper claim (Art. 6). Days are calendar days counted from the day after the arrival
// (民法 Art. 140, 初日不算入), so the 10th day is receivedOn + 10. The inspection deadline is not
// extended over a holiday: an earlier deadline is never a late one. When the late days exceed the
// payment period, Art. 7 deems the period expired: the due date then lies in the past and the
// payment is late from its day after (Art. 8 interest runs from there).
import { addCalendarDays, paymentDueDate } from './business-days';
import { daysBetween } from './iso-date';

/** 物品 / 役務 / 工事, as the contract records it. */
export type DeadlineContractKind = 'goods' | 'services' | 'works';

export interface DeadlineTerms {
  inspectionDays: number;
  paymentDays: number;
}

/** The statutory maxima: a contract may agree shorter periods, never longer ones. */
export const STATUTORY_DEADLINES: Readonly<Record<'works' | 'other', DeadlineTerms>> = {
  works: { inspectionDays: 14, paymentDays: 40 },
  other: { inspectionDays: 10, paymentDays: 30 },
};

export function deadlineTerms(kind: DeadlineContractKind): DeadlineTerms {
  return kind === 'works' ? STATUTORY_DEADLINES.works : STATUTORY_DEADLINES.other;
}

/** The last day the inspection is on time (calendar days, Art. 5). */
export function inspectionDueDate(receivedOn: string, kind: DeadlineContractKind): string {
  return addCalendarDays(receivedOn, deadlineTerms(kind).inspectionDays);
}

/** The payment deadline of a claim inspected on time (Art. 6), on a bank business day. */
export function invoiceDueDate(receivedOn: string, kind: DeadlineContractKind): string {
  return paymentDueDate(receivedOn, deadlineTerms(kind).paymentDays);
}

export interface InspectionDeadlineOutcome {
  /** Days the inspection came after its deadline; 0 when on time. */
  lateDays: number;
  /** The payment deadline once those days are taken off the payment period (Art. 7). */
  dueDate: string;
}

/** The payment deadline as it stands after an inspection done on `inspectedOn`. */
export function dueDateAfterInspection(
  receivedOn: string,
  kind: DeadlineContractKind,
  inspectedOn: string,
): InspectionDeadlineOutcome {
  const lateDays = Math.max(0, daysBetween(inspectionDueDate(receivedOn, kind), inspectedOn));
  return {
    lateDays,
    dueDate: paymentDueDate(receivedOn, deadlineTerms(kind).paymentDays - lateDays),
  };
}
