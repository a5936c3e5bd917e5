import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CentralDb } from '../../src-central/db/central-db-types';
import { agents, departments } from '../../src-central/db/schema';
import { demoPassword } from '../../src-central/demo';
import { startCentralService } from '../../src-central/service';
import { createCentralTestDb, silentLogger } from './support/central-test-db';
import { testConfig } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

async function agentCount(db: CentralDb) {
  const [row] = await db.select({ n: count() }).from(agents);
  return row?.n ?? 0;
}

describe('the central service started as `npm run central` does', () => {
  it('on PostgreSQL: migrates, loads demo agents only with --demo, serves over HTTP', async () => {
    const plain = await createCentralTestDb({ kind: 'postgres', migrate: false });
    const withDemo = await createCentralTestDb({ kind: 'postgres', migrate: false });
    try {
      const first = await startCentralService(testConfig({ databaseUrl: plain.url, port: 0 }), silentLogger);
      expect(await (await fetch(`${first.url}/health`)).json()).toMatchObject({ status: 'ok', database: 'postgres' });
      expect(await agentCount(first.database.db)).toBe(0);
      await first.close();

      const second = await startCentralService(testConfig({ databaseUrl: withDemo.url, port: 0, demo: true }), silentLogger);
      const answer = await fetch(`${second.url}${centralPaths.signIn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nadia.admin@rivebelle.example', password: demoPassword }),
      });
      expect(answer.status).toBe(200);
      await second.close();
    } finally {
      await plain.close();
      await withDemo.close();
    }
  });

  it('on PGlite: keeps its data in the data folder across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guichet-central-pglite-'));
    const config = testConfig({ dataDir, pgliteDir: join(dataDir, 'pglite'), port: 0 });
    const first = await startCentralService(config, silentLogger);
    expect(first.database.kind).toBe('pglite');
    await first.database.db
      .insert(departments)
      .values({ id: '019c0000-0000-7000-8000-000000000001', code: 'VOIRIE', name: 'Voirie', rowVersion: 1 });
    await first.close();
    const second = await startCentralService(config, silentLogger);
    const [row] = await second.database.db.select({ n: count() }).from(departments);
    expect(row?.n).toBe(1);
    await second.close();
  });
});
