import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, no padding. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps: a leaked sessions table gives no usable token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isWellFormedToken(token: string): boolean {
  return tokenPattern.test(token);
}

/** The token of an `Authorization: Bearer <token>` header, or null when absent or malformed. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  return token !== undefined && isWellFormedToken(token) ? token : null;
}
