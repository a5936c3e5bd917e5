import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKeyStore } from '../../src-main/db/key-store';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { builders } from '../support/builders';
import { createTestDb, migrationsFolder } from '../support/test-db';

const opened: Replica[] = [];
const open = (file: string, key: Buffer) => {
  const replica = openReplica({ file, key, migrationsFolder });
  opened.push(replica);
  return replica;
};
afterEach(() => {
  while (opened.length > 0) opened.pop()?.close();
});

function tempFile() {
  return join(mkdtempSync(join(tmpdir(), 'guichet-replica-')), 'replica.db');
}

describe('the replica file', () => {
  it('is encrypted at rest: citizen data never appears in the file, and a wrong key is refused', () => {
    const file = tempFile();
    const key = randomBytes(32);
    const replica = open(file, key);
    builders(replica.db).buildCitizen({ lastName: 'Quatremaire', email: 'secret.quatremaire@exemple.fr' });
    replica.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    replica.close();
    opened.pop();

    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('Quatremaire'))).toBe(false);
    expect(bytes.subarray(0, 15).toString()).not.toBe('SQLite format 3');
    expect(() => open(file, randomBytes(32))).toThrow(expect.objectContaining({ code: 'REPLICA_KEY_INVALID' }));
    const reopened = open(file, key);
    expect(reopened.db.$client.prepare('SELECT last_name FROM citizens').pluck().get()).toBe('Quatremaire');
  });

  it('runs in WAL mode with foreign keys on', () => {
    const replica = open(tempFile(), randomBytes(32));
    expect(replica.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(replica.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps a browser-mode key in a 0600 file, the same key on every start', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-key-')), 'replica.key');
    const store = createFileKeyStore(path);
    const first = store.loadOrCreate();
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(createFileKeyStore(path).loadOrCreate().equals(first)).toBe(true);
  });
});

describe('migrations', () => {
  it('applies every committed migration once and reopens without change', () => {
    const file = tempFile();
    const key = randomBytes(32);
    const first = open(file, key);
    const count = first.db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    first.close();
    opened.pop();
    const again = open(file, key);
    expect(again.db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(count);
    expect(count).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['an edited migration', `UPDATE __drizzle_migrations SET hash = 'edited' WHERE rowid = 1`],
    ['a migration from a newer version', `INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)`],
  ])('refuses a replica whose history diverges: %s', (_label, tamper) => {
    const file = tempFile();
    const key = randomBytes(32);
    const replica = open(file, key);
    replica.db.$client.exec(tamper);
    replica.close();
    opened.pop();
    expect(() => open(file, key)).toThrow(expect.objectContaining({ code: 'REPLICA_MIGRATION_DIVERGED' }));
  });
});

describe('full-text search index', () => {
  it('follows inserts, updates and deletes of citizens and cases, ignoring accents', () => {
    const replica = createTestDb();
    opened.push(replica);
    const { buildCitizen, buildCity, buildCase } = builders(replica.db);
    const sql = replica.db.$client;
    const matchCitizens = (q: string) => sql.prepare('SELECT count(*) FROM citizens_fts WHERE citizens_fts MATCH ?').pluck().get(q);
    const matchCases = (q: string) => sql.prepare('SELECT count(*) FROM cases_fts WHERE cases_fts MATCH ?').pluck().get(q);

    const citizen = buildCitizen({ firstName: 'Hélène', lastName: 'Lefèvre', addressLine1: '12 place de l’Église' });
    expect(matchCitizens('helene')).toBe(1);
    expect(matchCitizens('lefevre')).toBe(1);
    expect(matchCitizens('eglise')).toBe(1);
    sql.prepare(`UPDATE citizens SET last_name = 'Rivière' WHERE id = ?`).run(citizen.id);
    expect(matchCitizens('lefevre')).toBe(0);
    expect(matchCitizens('riviere')).toBe(1);
    sql.prepare('DELETE FROM citizens WHERE id = ?').run(citizen.id);
    expect(matchCitizens('riviere')).toBe(0);

    const city = buildCity();
    const opened1 = buildCase({
      categoryId: city.potHole.id,
      departmentId: city.voirie.id,
      subject: 'Chaussée défoncée',
      trackingCode: 'K7QM-3XPA',
    });
    expect(matchCases('chaussee')).toBe(1);
    expect(matchCases('"k7qm" "3xpa"')).toBe(1);
    sql.prepare(`UPDATE cases SET description = 'Trou béant' WHERE id = ?`).run(opened1.id);
    expect(matchCases('beant')).toBe(1);
    sql.prepare(`UPDATE cases SET status = 'qualified' WHERE id = ?`).run(opened1.id);
    expect(matchCases('chaussee')).toBe(1);
  });

  it('is not written again when a row is rewritten with its searched values unchanged', () => {
    const replica = createTestDb();
    opened.push(replica);
    const { buildCitizen, buildCity, buildCase } = builders(replica.db);
    const sql = replica.db.$client;
    const citizen = buildCitizen({ firstName: 'Hélène', lastName: 'Lefèvre', addressLine1: '12 place de l’Église' });
    const city = buildCity();
    const opened1 = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id, subject: 'Chaussée défoncée' });
    const index = () => ({
      citizens: sql.prepare('SELECT id, block FROM citizens_fts_data ORDER BY id').all(),
      cases: sql.prepare('SELECT id, block FROM cases_fts_data ORDER BY id').all(),
    });
    const before = index();

    // As a pull page's upsert or an undo image writes them: every column, only some of them changed.
    sql
      .prepare(
        `UPDATE cases SET tracking_code = tracking_code, subject = subject, description = description, address = address,
           status = 'qualified' WHERE id = ?`,
      )
      .run(opened1.id);
    sql
      .prepare(
        `UPDATE citizens SET first_name = first_name, last_name = last_name, email = email, phone = phone,
           address_line1 = address_line1, address_line2 = address_line2, postal_code = postal_code, city = city,
           birth_date = '1970-01-01' WHERE id = ?`,
      )
      .run(citizen.id);
    expect(index()).toEqual(before);

    sql.prepare(`UPDATE cases SET subject = 'Trottoir défoncé', status = 'new' WHERE id = ?`).run(opened1.id);
    expect(index().cases).not.toEqual(before.cases);
    expect(sql.prepare('SELECT count(*) FROM cases_fts WHERE cases_fts MATCH ?').pluck().get('trottoir')).toBe(1);
    expect(sql.prepare('SELECT count(*) FROM cases_fts WHERE cases_fts MATCH ?').pluck().get('chaussee')).toBe(0);
  });
});
