import nodemailer from 'nodemailer';

/** One email as the campaigns build it; the sender is the service's (`GUICHET_MAIL_FROM`). */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * What became of one email. `permanent`: the server refused it for good (5xx: unknown mailbox, policy), so
 * it is not tried again; otherwise (4xx, connection lost, timeout) a later attempt may succeed.
 */
export type DeliveryOutcome = { ok: true } | { ok: false; permanent: boolean; reason: string };

export interface Mailer {
  send(email: OutgoingEmail): Promise<DeliveryOutcome>;
  close(): void;
}

export interface MailerSettings {
  /** `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS from the first byte), with credentials. */
  smtpUrl: string | null;
  mailFrom: string | null;
  /** Connections kept open to the SMTP server (default 3). */
  maxConnections?: number;
}

/** Null without SMTP settings: the service runs, campaigns report `SMTP_NOT_CONFIGURED`. */
export function createMailer(settings: MailerSettings): Mailer | null {
  if (settings.smtpUrl === null || settings.mailFrom === null) return null;
  // A pool: a campaign hands many emails to one server; one connection each would cost a handshake (and TLS) each.
  const transport = nodemailer.createTransport(
    {
      url: settings.smtpUrl,
      pool: true,
      maxConnections: settings.maxConnections ?? 3,
      maxMessages: 500,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    },
    { from: settings.mailFrom },
  );
  return {
    async send(email) {
      try {
        await transport.sendMail({ to: email.to, subject: email.subject, text: email.text, html: email.html, headers: email.headers });
        return { ok: true };
      } catch (error) {
        return { ok: false, ...classifySmtpError(error) };
      }
    },
    close() {
      transport.close();
    },
  };
}

const maxReason = 500;

/** A 5xx reply is final; a 4xx reply, a dropped or refused connection, a timeout may pass on a later try. */
export function classifySmtpError(error: unknown): { permanent: boolean; reason: string } {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    responseCode?: unknown;
    response?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const text =
    typeof details.response === 'string'
      ? details.response
      : [details.code, details.message].filter((part) => typeof part === 'string' && part !== '').join(': ') || 'unknown error';
  // Kept for the agents, on one line: the server's words, nothing that could break a page or a log line.
  const reason = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, maxReason);
  return { permanent: responseCode !== null && responseCode >= 500 && responseCode < 600, reason };
}

/** What became of one email: sent, failed for good, or due again later (a campaign's invitation, a voice mail). */
export type SendResult =
  | { id: string; outcome: 'sent' }
  | { id: string; outcome: 'retry'; reason: string; retryAt: Date }
  | { id: string; outcome: 'failed'; reason: string };

/** Waits before the n-th retry of a transient failure: 1, 4, 16, 64 minutes. */
function retryDelayMs(attempts: number): number {
  return 60_000 * 4 ** Math.max(0, attempts - 1);
}

/**
 * The result of one delivery of an email tried `attempts` times: a permanent refusal, or a transient one on
 * the last allowed attempt, fails it; any other transient one retries it after {@link retryDelayMs}.
 */
export function sendResult(id: string, attempts: number, delivery: DeliveryOutcome, maxAttempts: number, now: Date): SendResult {
  if (delivery.ok) return { id, outcome: 'sent' };
  if (delivery.permanent || attempts >= maxAttempts) return { id, outcome: 'failed', reason: delivery.reason };
  return { id, outcome: 'retry', reason: delivery.reason, retryAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}
