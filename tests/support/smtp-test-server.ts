import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

/** One message the server accepted, parsed enough for tests: headers, the text and HTML parts. */
export interface CapturedEmail {
  from: string;
  to: string[];
  raw: string;
  /** Header names in lower case, folded lines joined. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Accepted messages, in the order they arrived. */
  messages: CapturedEmail[];
  /** Every RCPT TO this address is refused with this reply (e.g. 550: permanent). */
  refuse(address: string, code: number, message: string): void;
  /** The next `times` RCPT TO this address are refused with a 4xx reply (a transient failure), then accepted. */
  refuseTemporarily(address: string, times: number, code?: number): void;
  /** How many RCPT TO each address got (accepted or not). */
  rcptCount(address: string): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (smtp-server, port 0) that keeps what it receives: the campaign tests and
 * the end-to-end test read the emails, their headers and their links from it. No STARTTLS (a test has no
 * certificate to trust) and no authentication.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: CapturedEmail[] = [];
  const refusals = new Map<string, { code: number; message: string; times: number }>();
  const rcpts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // No reverse DNS of 127.0.0.1 (it may wait on a resolver), and a quick close even with pooled clients connected.
    disableReverseLookup: true,
    closeTimeout: 200,
    size: 10_000_000,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      rcpts.set(to, (rcpts.get(to) ?? 0) + 1);
      const refusal = refusals.get(to);
      if (refusal !== undefined && refusal.times !== 0) {
        refusal.times--;
        const error: SMTPServerError = new Error(refusal.message);
        error.responseCode = refusal.code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        messages.push({ ...parseEmail(raw), from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse(address, code, message) {
      refusals.set(address.toLowerCase(), { code, message, times: -1 });
    },
    refuseTemporarily(address, times, code = 451) {
      refusals.set(address.toLowerCase(), { code, message: 'Try again later', times });
    },
    rcptCount: (address) => rcpts.get(address.toLowerCase()) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? { headers: parseHeaders(raw), body: '' } : { headers: parseHeaders(raw.slice(0, end)), body: raw.slice(end + 4) };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) of a header, decoded. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_match, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

/** Headers, subject and the text/plain and text/html parts of a message (single part or one level of multipart). */
export function parseEmail(raw: string): Omit<CapturedEmail, 'from' | 'to' | 'raw'> {
  const { headers, body } = splitEntity(raw);
  const parts: { type: string; content: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary === undefined) parts.push({ type: headers.get('content-type') ?? 'text/plain', content: decodeBody(headers, body) });
  else {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitEntity(chunk.replace(/^\r\n/, ''));
      parts.push({
        type: part.headers.get('content-type') ?? 'text/plain',
        content: decodeBody(part.headers, part.body.replace(/\r\n$/, '')),
      });
    }
  }
  const find = (type: string) => parts.find((part) => part.type.toLowerCase().startsWith(type))?.content ?? '';
  return { headers, subject: decodeHeader(headers.get('subject') ?? ''), text: find('text/plain'), html: find('text/html') };
}

/** The survey link and the unsubscribe link of a campaign email, read from its text part. */
export function linksOf(email: CapturedEmail): { surveyId: string; token: string; answer: string; unsubscribe: string } {
  const answer = /(https?:\/\/\S+\/s\/([0-9a-f-]{36})\?t=([A-Za-z0-9_-]+))/.exec(email.text);
  const unsubscribe = /(https?:\/\/\S+\/u\/([A-Za-z0-9_-]+))/.exec(email.text);
  if (answer === null || unsubscribe === null) throw new Error(`no campaign links in: ${email.text}`);
  return { answer: answer[1] ?? '', surveyId: answer[2] ?? '', token: answer[3] ?? '', unsubscribe: unsubscribe[1] ?? '' };
}
