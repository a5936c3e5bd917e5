import { describe, expect, it } from 'vitest';
import { damageCode } from '../../src-main/db/replica-damage';

/** Only errors that say the file's content is wrong move it aside; a failing device or a full disk do not. */
describe('which SQLite errors mean a damaged file', () => {
  const sqliteError = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    ['SQLITE_CORRUPT', true],
    ['SQLITE_CORRUPT_INDEX', true],
    ['SQLITE_NOTADB', true],
    ['SQLITE_IOERR_SHORT_READ', true],
    ['SQLITE_IOERR_READ', false],
    ['SQLITE_IOERR_WRITE', false],
    ['SQLITE_FULL', false],
    ['SQLITE_BUSY', false],
    ['SQLITE_CONSTRAINT_UNIQUE', false],
  ])('%s: %s', (code, damage) => {
    expect(damageCode(sqliteError(code)) !== null).toBe(damage);
    // As drizzle throws it: the query and its parameters around, SQLite's error as the cause.
    expect(damageCode(new Error('Failed query', { cause: sqliteError(code) })) !== null).toBe(damage);
  });
});
