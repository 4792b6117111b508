import { createTransport, type Transporter } from 'nodemailer';
import { z } from 'zod';

/**
 * Outgoing mail settings, for a service's settings schema: MAIL_SMTP_URL (smtp://user:pass@host:587
 * or smtps://…:465; unset = mail off) and MAIL_FROM, the sender address (required with the URL).
 */
export const mailSettings = {
  MAIL_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.email().optional(),
};

export interface MailSettings {
  MAIL_SMTP_URL?: string | undefined;
  MAIL_FROM?: string | undefined;
}

/** Why mail settings do not go together, or undefined: a sender is needed to send anything. */
export function mailSettingsProblem(env: MailSettings): string | undefined {
  return env.MAIL_SMTP_URL && !env.MAIL_FROM
    ? 'MAIL_FROM is required when MAIL_SMTP_URL is set'
    : undefined;
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments?: readonly MailAttachment[];
  /**
   * What makes a stable Message-ID (`<key@the sender's domain>`) for a mail meant to go once.
   * Should it be sent again (the sender died after the server accepted it, before recording
   * that), the copy carries the same Message-ID: it can be recognised as a duplicate, though
   * many mail systems still show both.
   */
  messageKey?: string;
}

/** The one way a service sends mail; resolves once the SMTP server has accepted the message. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** How long the mailer waits to connect, for the greeting, and for each answer of the server. */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/**
 * The sum of the mailer's timeouts: a send whose server goes silent fails within about this long
 * (a server that keeps answering slowly may take longer).
 */
export const MAIL_SEND_TIMEOUT_MS =
  SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout;

/** An SMTP mailer from the settings, or undefined when mail is off (MAIL_SMTP_URL unset). */
export function createMailer(env: MailSettings): Mailer | undefined {
  if (!env.MAIL_SMTP_URL) return undefined;
  const problem = mailSettingsProblem(env);
  if (problem) throw new Error(problem);
  const transport: Transporter = createTransport({
    url: env.MAIL_SMTP_URL,
    // A server that does not answer fails the send (to be tried again), not the process.
    ...SMTP_TIMEOUTS,
  });
  const from = env.MAIL_FROM;
  const domain = from?.split('@')[1] ?? 'localhost';
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageKey ? { messageId: `<${mail.messageKey}@${domain}>` } : {}),
        attachments: (mail.attachments ?? []).map((attachment) => ({ ...attachment })),
      });
    },
    close: () => transport.close(),
  };
}
