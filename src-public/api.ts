import { publicPaths } from '../src-shared/http/public-paths';

/** An open survey as the service gives it to a public page. */
export interface PublicSurvey {
  id: string;
  anonymity: 'anonymous' | 'identified';
  purpose: { fr: string; en: string };
  definition: Record<string, unknown>;
  closesOn: string | null;
}

export interface AnswerBody {
  id: string;
  answers: Record<string, unknown>;
  channel: 'link' | 'kiosk' | 'email';
  collectorId?: string;
  token?: string;
}

/**
 * What came back: `ok` (stored, or already stored: a resend), `refused` with the service's code (do not send
 * it again), `retry` (no network, a 5xx, RATE_LIMITED: send it again later, after `retryAfterSeconds` if given).
 */
export type SendOutcome =
  | { kind: 'ok'; duplicate: boolean }
  | { kind: 'refused'; code: string }
  | { kind: 'retry'; code: string | null; retryAfterSeconds: number | null };

async function codeOf(response: Response): Promise<{ code: string | null; retryAfterSeconds: number | null }> {
  try {
    const body = (await response.json()) as { code?: unknown; args?: { retryAfterSeconds?: unknown } };
    const seconds = body.args?.retryAfterSeconds;
    return { code: typeof body.code === 'string' ? body.code : null, retryAfterSeconds: typeof seconds === 'number' ? seconds : null };
  } catch {
    return { code: null, retryAfterSeconds: null };
  }
}

export async function sendAnswer(surveyId: string, body: AnswerBody): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(publicPaths.responses(surveyId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return { kind: 'retry', code: null, retryAfterSeconds: null };
  }
  if (response.ok) {
    const stored = (await response.json().catch(() => ({}))) as { duplicate?: boolean };
    return { kind: 'ok', duplicate: stored.duplicate === true };
  }
  const { code, retryAfterSeconds } = await codeOf(response);
  if (response.status === 429 || response.status >= 500) return { kind: 'retry', code, retryAfterSeconds };
  return { kind: 'refused', code: code ?? `HTTP_${response.status}` };
}

export type Loaded<T> = { kind: 'ok'; value: T } | { kind: 'refused'; code: string } | { kind: 'offline' };

export async function loadJson<T>(url: string): Promise<Loaded<T>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'offline' };
  }
  if (response.ok) return { kind: 'ok', value: (await response.json()) as T };
  const { code } = await codeOf(response);
  return { kind: 'refused', code: code ?? `HTTP_${response.status}` };
}

/** A response id, generated here so a resend never counts twice. */
export function newAnswerId(): string {
  // randomUUID needs a secure context (HTTPS, localhost); getRandomValues works everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
