import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Browsers do not scope cookies by port: one name for every workspace would let the second workspace of
 * `npm start` overwrite the first one's cookie (its reload then answered 401), and would hand the cookie to any
 * other server on a loopback port. Hence one name per port, and a value derived from the secret for one
 * purpose only (unlocking the renderer's static files), never usable as the data token.
 */
export function tokenCookieName(port: number): string {
  return `guichet_token_${port}`;
}

/** HMAC-SHA256(secret, 'static-files'): knowing it tells nothing of the secret and opens no data. */
export function staticFilesCookieValue(token: string): string {
  return createHmac('sha256', token).update('static-files').digest('base64url');
}

/** 32 random bytes, base64url: unguessable, and safe in a URL, a header and a cookie without escaping. */
export function generateAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that neither the content nor the length of the
 * expected token leaks through timing.
 */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  if (candidate === null || candidate === undefined || candidate === '') return false;
  return timingSafeEqual(digest(expected), digest(candidate));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The value of one cookie from a `Cookie` request header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1) continue;
    if (pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** HttpOnly: page scripts never see it; SameSite=Strict: no other site's page can send it. */
export function staticFilesCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${staticFilesCookieValue(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
