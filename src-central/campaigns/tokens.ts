import { createHash, randomBytes } from 'node:crypto';

/** A token as emailed: 32 random bytes in base64url, 43 characters. */
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** What is stored of a token: its SHA-256 in base64url. A stolen database yields no working link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
