import { formatWarekiDate, formatYen } from '@denpyo/jp';
import type { RemittanceNotice } from '@denpyo/pdf';
import { ok, type OutgoingMail } from '@denpyo/platform';
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
/** Rendering the PDF and an SMTP exchange, with the mail's row locked. */
const SEND_TIMEOUT_MS = 60_000;

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
  return {
    to: recipient,
    subject: `【${notice.city}】振込通知書（${dateLabel} ${transferDate}）`,
    text: [
      `${notice.vendor.name} 御中`,
      '',
      `${notice.city}からのお支払いについて、下記のとおりお振込み${settled ? 'しました' : 'する予定です'}ので、お知らせします。`,
      '',
      `${dateLabel}：${transferDate}`,
      `${settled ? '振込金額' : '振込予定金額'}：${formatYen(notice.total)}（${notice.items.length}件）`,
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
 * Sends the queued 振込通知書 mails (queued on batch approval). Each mail is locked (FOR UPDATE
 * SKIP LOCKED, so two runs or two instances never send the same one), sent, and marked sent in
 * one transaction: a mail marked sent is never sent again. An SMTP refusal rolls back, is
 * recorded (attempts, last_error) and tried again after a growing delay. Should the process die
 * between the server's acceptance and the commit, the next run sends it again with the same
 * Message-ID, which the recipient's mail system recognises as the same message.
 */
export function makeSendRemittanceMails(deps: PaymentDeps) {
  const { uow, mailer } = deps;
  return async (): Promise<SentRemittanceMails> => {
    const result = { sent: 0, failed: 0 };
    if (!mailer) return result;
    const due = await uow.runAs(SERVICE_ACTOR, async ({ tx, now }) =>
      ok(await unsentRemittanceMails(tx, now, BATCH)),
    );
    for (const key of due.ok ? due.value : []) {
      try {
        const sent = await uow.runAs(
          SERVICE_ACTOR,
          async ({ tx, now, audit }) => {
            const claimed = await claimRemittanceMail(tx, key);
            if (!claimed) return ok(false);
            const notice = await remittanceNoticeOf(deps, tx, key.batchId, key.vendorId);
            if (!notice.ok) throw new Error(notice.refusal.message);
            const pdf = await printRemittanceNotice(deps, notice.value);
            await mailer.send(remittanceMail(claimed.recipient, notice.value.notice, pdf, key));
            await markRemittanceMailSent(tx, key, now);
            audit({
              action: 'remittance-notice.mailed',
              entityType: 'transfer_batch',
              entityId: key.batchId,
              amount: notice.value.notice.total,
              counterparty: key.vendorId,
              before: null,
              after: {
                recipient: claimed.recipient,
                documentNumber: notice.value.notice.documentNumber,
              },
            });
            return ok(true);
          },
          { timeoutMs: SEND_TIMEOUT_MS },
        );
        if (sent.ok && sent.value) result.sent += 1;
      } catch (error) {
        result.failed += 1;
        await uow.runAs(SERVICE_ACTOR, async ({ tx, now }) => {
          const message = (error as Error).message;
          await recordRemittanceMailFailure(tx, key, message, now, remittanceMailRetryDelayMs);
          return ok(undefined);
        });
      }
    }
    return result;
  };
}
