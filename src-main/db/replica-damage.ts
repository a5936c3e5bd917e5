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

/** Written when damage is met while the workspace runs (damage-marker.ts): the next start rebuilds. */
export function damageMarkerFile(replicaFile: string): string {
  return `${replicaFile}.damaged`;
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

/**
 * What SQLite says when the file's content is wrong: a page that does not authenticate or does not parse, a
 * file cut short. Other I/O errors (a read or write the device refused, a full disk) say the disk or the
 * system failed, often for a moment: moving the file aside for them would rebuild a good replica and hide
 * the real fault, so they stay errors.
 */
const damageCodes = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_VTAB',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_IOERR_SHORT_READ',
]);

/** The code of a SQLite error, also when a query builder wrapped it (drizzle's DrizzleQueryError keeps it as cause). */
function sqliteCode(error: unknown): string | null {
  for (let cause = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The SQLite code when `error` says the file is damaged, else null. Once the file has opened, its key is
 * proven: "not a database" then means a damaged page 1 too.
 */
export function damageCode(error: unknown): string | null {
  const code = sqliteCode(error);
  return code !== null && (damageCodes.has(code) || code === 'SQLITE_NOTADB') ? code : null;
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
  return damageCode(error) === null ? error : fail('REPLICA_DAMAGED', { file: replicaFile });
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
 * damaged is found at start rather than by an agent's query in the middle of their work. Damage met while
 * the workspace ran (a page the start check did not read) left a marker beside the file: damage too.
 */
export function assertIntact(client: Database.Database, replicaFile: string, fullCheckMaxBytes = FULL_CHECK_MAX_BYTES): void {
  if (existsSync(damageMarkerFile(replicaFile))) throw fail('REPLICA_DAMAGED', { file: replicaFile });
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
