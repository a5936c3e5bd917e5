import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where browser mode looks for the per-launch secret (see the security model in browser-mode.ts). */
export const TOKEN_QUERY_PARAM = 'token';
export const TOKEN_HEADER = 'x-guichet-token';
export const TOKEN_COOKIE = 'guichet_token';

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
export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
