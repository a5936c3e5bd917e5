import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { fail, type GuichetError } from '../../src-shared/errors';

/**
 * Telling a damaged replica file from a wrong key.
 *
 * The cipher (sqlite3mc, ChaCha20-Poly1305) authenticates every page. A wrong key fails on page 1 with
 * SQLITE_NOTADB; so does a page 1 damaged on disk, and nothing in the file tells them apart. Hence a key check
 * beside the file: HMAC-SHA256(key, constant), written once the key has opened the file. It reveals nothing of
 * the key, and when page 1 does not open it says whether the key is the one that opened this file before.
 * Any other unreadable page (SQLITE_CORRUPT: a file cut short, a page overwritten) is damage, whatever the key.
 */

const KEY_CHECK_LABEL = 'guichet replica key check';

export function keyCheckFile(replicaFile: string): string {
  return `${replicaFile}.keycheck`;
}

function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update(KEY_CHECK_LABEL).digest();
}

/** Written after the key opened the file; kept as is afterwards (the key of a replica never changes). */
export function recordKeyCheck(replicaFile: string, key: Buffer): void {
  const file = keyCheckFile(replicaFile);
  if (!existsSync(file)) writeFileSync(file, keyCheck(key).toString('hex'), { mode: 0o600 });
}

/** true: this key opened the file before; false: another key did; null: no check recorded (an older replica). */
function keyMatchesRecord(replicaFile: string, key: Buffer): boolean | null {
  const file = keyCheckFile(replicaFile);
  if (!existsSync(file)) return null;
  const recorded = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  const expected = keyCheck(key);
  return recorded.length === expected.length && timingSafeEqual(recorded, expected);
}

const damageCodes = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_VTAB',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_IOERR_SHORT_READ',
]);

function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** What an error while opening the file means: damage, or the key (never a file moved on a doubt). */
export function unreadableReplica(
  error: unknown,
  replicaFile: string,
  key: Buffer,
): GuichetError<'REPLICA_DAMAGED' | 'REPLICA_KEY_INVALID'> {
  const code = sqliteCode(error);
  if (code !== null && damageCodes.has(code)) return fail('REPLICA_DAMAGED', { file: replicaFile });
  if (code === 'SQLITE_NOTADB' && keyMatchesRecord(replicaFile, key) === true) return fail('REPLICA_DAMAGED', { file: replicaFile });
  return fail('REPLICA_KEY_INVALID');
}

/** An error met after page 1 opened: damage when SQLite says so, else the error itself. */
export function damageOr(error: unknown, replicaFile: string): unknown {
  const code = sqliteCode(error);
  return code !== null && (damageCodes.has(code) || code === 'SQLITE_NOTADB') ? fail('REPLICA_DAMAGED', { file: replicaFile }) : error;
}

/**
 * Up to this size the whole file is checked at each start (about 0.4 s for the 28 MB demo city on a shared
 * CI core); above it, reading every page through the cipher would cost seconds to a minute (a million-case
 * replica), so only what cannot be rebuilt from the central service is checked: the outbox and local facts.
 */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** Cannot be fetched again from the central service: checked at every start whatever the size. */
const LOCAL_ONLY_TABLES = ['sqlite_schema', '_meta', '_pending', '_sync_inbox'];

/**
 * Reads the file's pages (`quick_check`: the cipher authenticates each, the b-trees are walked), so a page
 * damaged is found at start rather than by an agent's query in the middle of their work.
 */
export function assertIntact(client: Database.Database, replicaFile: string, fullCheckMaxBytes = FULL_CHECK_MAX_BYTES): void {
  const bytes = [replicaFile, `${replicaFile}-wal`].reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
  // A fresh file has none of the bookkeeping tables yet (the migrations create them).
  const existing = new Set(client.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[]);
  const checks =
    bytes <= fullCheckMaxBytes
      ? ['quick_check(1)']
      : LOCAL_ONLY_TABLES.filter((table) => table === 'sqlite_schema' || existing.has(table)).map((table) => `quick_check(${table})`);
  for (const check of checks) {
    if (client.pragma(check, { simple: true }) !== 'ok') throw fail('REPLICA_DAMAGED', { file: replicaFile });
  }
}
