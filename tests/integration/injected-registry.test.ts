import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appPgTables, centralRegistry } from '../../src-central/stores/postgres/pg-entity-tables';
import { openReplica } from '../../src-main/db/open-replica';
import { appReplicaTables, replicaRegistry } from '../../src-main/sync/replica-tables';
import { noticeBoardReplica, noticeBoardSync } from '../fixtures/notice-board';
import { migrationsFolder } from '../support/test-db';

const dir = mkdtempSync(join(tmpdir(), 'guichet-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an injected registry in the workspace', () => {
  it('applies its extra migrations once, after the app’s, and refuses a replica that applied others', () => {
    const file = join(dir, 'replica.db');
    const key = randomBytes(32);
    const open = (extraMigrations = noticeBoardReplica.migrations) => openReplica({ file, key, migrationsFolder, extraMigrations });
    open().close();
    const again = open();
    const client = again.db.$client;
    expect(client.prepare('SELECT name FROM _extra_migrations').pluck().all()).toEqual(['notice_posts']);
    expect(client.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'notice_posts'").pluck().get()).toBe(1);
    again.close();
    expect(() => open([{ name: 'something_else', statements: [] }])).toThrow(
      expect.objectContaining({ code: 'REPLICA_MIGRATION_DIVERGED' }),
    );
  });

  it('is refused at start-up when an entity has no table on either side', () => {
    expect(() => replicaRegistry(noticeBoardSync, appReplicaTables)).toThrow(/No replica table for noticePosts/);
    expect(() => centralRegistry(noticeBoardSync, appPgTables)).toThrow(/No PostgreSQL binding for noticePosts/);
  });
});
