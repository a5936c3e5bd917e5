import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-central/logger';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const marker = 'ZZMARKER';

describe.each(dbKinds)('no citizen data in the logs on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let lines: string[];

  beforeEach(async () => {
    await buildSyncCity(testDb().db);
    lines = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    app = await buildTestServer(testDb(), { plugins: [syncRoutes()], logger });
  });
  afterEach(async () => {
    await app.close();
    await testDb().db.execute(sql`DROP TRIGGER IF EXISTS zz_fail ON citizens`);
  });

  /**
   * A database failure that is not the content's fault (SQLSTATE 53100, disk full), raised as PostgreSQL does
   * for constraint violations: the failing row in DETAIL. The statement and its parameters carry the
   * citizen's name too (and PGlite's EXECUTE text carries every value).
   */
  async function failCitizenInserts() {
    await testDb().db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION zz_fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION USING ERRCODE = '53100', MESSAGE = 'could not extend file for ' || NEW.last_name,
          DETAIL = 'Failing row contains ' || NEW::text, HINT = NEW.email; END $$`),
    );
    await testDb().db.execute(sql.raw('CREATE TRIGGER zz_fail BEFORE INSERT ON citizens FOR EACH ROW EXECUTE FUNCTION zz_fail()'));
  }

  it('logs a failed push with its SQLSTATE and reference, never the statement, its values or the row', async () => {
    await failCitizenInserts();
    const signIn = await app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email: 'camille@ville.example', password } });
    const token = (signIn.json() as { token: string }).token;
    const pushed = await app.inject({
      method: 'POST',
      url: centralPaths.push,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        clientId: uuidv7(),
        replicaFormat: REPLICA_FORMAT,
        mutations: [
          {
            mutationId: 1,
            name: 'citizen.create',
            args: {
              id: uuidv7(),
              firstName: `${marker}-Léa`,
              lastName: `${marker}-Martin`,
              email: 'zzmarker@ville.example',
              phone: '06 12 34 56 78',
            },
            createdAt: new Date().toISOString(),
          },
        ],
      },
    });
    expect(pushed.statusCode).toBe(500);
    const { code, args } = pushed.json() as { code: string; args: { reference: string } };
    expect(code).toBe('INTERNAL');
    const log = lines.join('');
    const logged = lines
      .map((line) => JSON.parse(line) as { reference?: string; err?: unknown })
      .filter((entry) => entry.reference === args.reference);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]?.err)).toContain('53100');
    expect(log.toUpperCase()).not.toContain(marker);
    expect(log).not.toContain('06 12 34 56 78');
    expect(log).not.toContain('0612345678');
  });
});
