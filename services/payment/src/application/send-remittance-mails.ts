import { addCalendarDays, formatWarekiDate, formatYen } from '@denpyo/jp';
import type { RemittanceNotice } from '@denpyo/pdf';
import { MAIL_SEND_TIMEOUT_MS, ok, type OutgoingMail } from '@denpyo/platform';
import {
  claimRemittanceMail,
  markRemittanceMailSent,
  recordRemittanceMailFailure,
  unsentRemittanceMails,
} from '../db/remittances';
import { remittanceMailRetryDelayMs } from '../domain/documents';
import { SERVICE_ACTOR, type PaymentDeps } from './deps';
import { printRemittanceNotice, remittanceNoticeOf } from './render-remittance-notice';

/** Mails looked at per run; the rest wait for the next. */
const BATCH = 50;
/**
 * How long a sender holds a mail it took: rendering takes about a second, and twice the mailer's
 * timeouts leaves room for a slow server, so a mail is not taken over while its send goes on.
 */
export const REMITTANCE_MAIL_LEASE_MS = 2 * MAIL_SEND_TIMEOUT_MS;
/**
 * Mails of batches whose transfer date is further past are not sent: mail turned on after a
 * long time off sends the notices of the last month's batches, not a flood of old news (the
 * vendor finds every notice in the portal).
 */
export const REMITTANCE_MAIL_MAX_AGE_DAYS = 30;

export interface SentRemittanceMails {
  sent: number;
  failed: number;
}

/**
 * The mail of a 振込通知書: the notice attached, the essentials in the text. Sent on approval it
 * announces the 振込予定日; should it go out only after settlement (the SMTP server down for
 * days), it says what the attached notice says: the 振込日.
 */
export function remittanceMail(
  recipient: string,
  notice: RemittanceNotice,
  pdf: Buffer,
  key: { batchId: string; vendorId: string },
): OutgoingMail {
  const transferDate = formatWarekiDate(notice.transferDate);
  const settled = notice.status === 'settled';
  const dateLabel = settled ? '振込日' : '振込予定日';
  // As the total: the transfers the bank returned are not counted.
  const transferred = notice.items.filter((item) => item.result?.status !== 'failed').length;
  return {
    to: recipient,
    subject: `【${notice.city}】振込通知書（${dateLabel} ${transferDate}）`,
    text: [
      `${notice.vendor.name} 御中`,
      '',
      `${notice.city}からのお支払いについて、下記のとおりお振込み${settled ? 'しました' : 'する予定です'}ので、お知らせします。`,
      '',
      `${dateLabel}：${transferDate}`,
      `${settled ? '振込金額' : '振込予定金額'}：${formatYen(notice.total)}（${transferred}件）`,
      `通知書番号：${notice.documentNumber}`,
      '',
      '請求書ごとの内訳（支払金額・源泉徴収税額・差引振込額）は添付の振込通知書（PDF）をご覧ください。',
      '振込の結果は、取引先ポータルの「振込情報」でもご確認いただけます。',
      '',
      '※このメールは送信専用です。ご不明な点は担当課までお問い合わせください。',
    ].join('\n'),
    attachments: [
      {
        filename: `振込通知書_${notice.documentNumber}.pdf`,
        content: pdf,
        contentType: 'application/pdf',
      },
    ],
    messageKey: `remittance-${key.batchId}-${key.vendorId}`,
  };
}

/**
 * Sends the queued 振込通知書 mails (queued on batch approval), at least once each, with no
 * transaction open during the SMTP exchange: a mail is taken with a lease in one short
 * transaction (so two runs or two instances never send it at once), rendered and sent, then
 * marked sent with its audit entry in a second one. An SMTP refusal is recorded (last_error) and
 * tried again after a growing delay. Should the process die, or the database be unreachable,
 * between the server's acceptance and the mark-sent commit, the mail is sent again once the
 * lease ends: a duplicate carrying the same Message-ID. A mark-sent failure fails the run.
 */
export function makeSendRemittanceMails(deps: PaymentDeps) {
  const { uow, mailer, today } = deps;
  return async (): Promise<SentRemittanceMails> => {
    const result = { sent: 0, failed: 0 };
    if (!mailer) return result;
    const transferredSince = addCalendarDays(today(), -REMITTANCE_MAIL_MAX_AGE_DAYS);
    const due = await uow.runAs(SERVICE_ACTOR, async ({ tx, now }) =>
      ok(await unsentRemittanceMails(tx, now, transferredSince, BATCH)),
    );
    for (const key of due.ok ? due.value : []) {
      const taken = await uow.runAs(SERVICE_ACTOR, async ({ tx, now }) =>
        ok(
          await claimRemittanceMail(
            tx,
            key,
            now,
            new Date(now.getTime() + REMITTANCE_MAIL_LEASE_MS),
          ),
        ),
      );
      const claimed = taken.ok ? taken.value : undefined;
      if (!claimed) continue;
      let notice: RemittanceNotice;
      try {
        const printable = await remittanceNoticeOf(deps, deps.db, key.batchId, key.vendorId);
        if (!printable.ok) throw new Error(printable.refusal.message);
        notice = printable.value.notice;
        const pdf = await printRemittanceNotice(deps, printable.value);
        await mailer.send(remittanceMail(claimed.recipient, notice, pdf, key));
      } catch (error) {
        result.failed += 1;
        await uow.runAs(SERVICE_ACTOR, async ({ tx, now }) => {
          const delay = remittanceMailRetryDelayMs(claimed.attempts);
          await recordRemittanceMailFailure(tx, key, (error as Error).message, now, delay);
          return ok(undefined);
        });
        continue;
      }
      await uow.runAs(SERVICE_ACTOR, async ({ tx, now, audit }) => {
        if (!(await markRemittanceMailSent(tx, key, now))) return ok(undefined);
        audit({
          action: 'remittance-notice.mailed',
          entityType: 'transfer_batch',
          entityId: key.batchId,
          amount: notice.total,
          counterparty: key.vendorId,
          before: null,
          after: { recipient: claimed.recipient, documentNumber: notice.documentNumber },
        });
        return ok(undefined);
      });
      result.sent += 1;
    }
    return result;
  };
}
