import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { runAdminCommand } from '../../src-central/admin/admin-cli';
import { agents, auditLog } from '../../src-central/db/schema';
import { currentVersion } from '../../src-central/db/versions';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { pullAnswer } from '../../src-central/sync/pull';
import { centralBuilders } from './support/builders';
import { centralMigrationsDir, createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const repoRoot = join(import.meta.dirname, '..', '..');

describe.each(dbKinds)('admin command on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let out: string[];
  let err: string[];

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
  });
  afterAll(async () => {
    await testDb.close();
  });
  beforeEach(async () => {
    await testDb.resetTables();
    app = await buildTestServer(testDb);
    out = [];
    err = [];
  });
  afterEach(async () => {
    await app.close();
  });

  const admin = (...argv: string[]) =>
    runAdminCommand(argv, testDb.database, { out: (line) => out.push(line), err: (line) => err.push(line) });
  const signIn = (email: string, password: string) =>
    app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email, password } });

  async function departments() {
    const { buildDepartment } = centralBuilders(testDb.db);
    return { voirie: await buildDepartment({ code: 'VOIRIE' }), etatCivil: await buildDepartment({ code: 'ETAT-CIVIL' }) };
  }

  it('creates an agent with roles who can then sign in', async () => {
    const { voirie, etatCivil } = await departments();
    const code = await admin(
      'create-agent',
      '--email',
      'Lea.Martin@Ville.example',
      '--name',
      'Léa Martin',
      '--password',
      'un mot de passe',
      '--role',
      'VOIRIE:field',
      '--role',
      'ETAT-CIVIL:counter',
    );
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^agent created: [0-9a-f-]{36} lea.martin@ville.example$/);
    const answer = await signIn('lea.martin@ville.example', 'un mot de passe');
    expect(answer.statusCode).toBe(200);
    const roles = answer.json<{ agent: { roles: unknown[] } }>().agent.roles;
    expect(roles).toHaveLength(2);
    expect(roles).toEqual(
      expect.arrayContaining([
        { departmentId: voirie.id, role: 'field' },
        { departmentId: etatCivil.id, role: 'counter' },
      ]),
    );
    const [row] = await testDb.db
      .select({ rowVersion: agents.rowVersion })
      .from(agents)
      .where(eq(agents.email, 'lea.martin@ville.example'));
    expect(row?.rowVersion).toBe(await currentVersion(testDb.db));
    expect((await testDb.db.select().from(auditLog))[0]).toMatchObject({ action: 'agent.create', entity: 'agent', agentId: null });
  });

  it('refuses a taken email, an unknown department and a short password', async () => {
    await departments();
    expect(await admin('create-agent', '--email', 'a@ville.example', '--name', 'A', '--password', 'long enough')).toBe(0);
    expect(await admin('create-agent', '--email', 'A@ville.example', '--name', 'A', '--password', 'long enough')).toBe(1);
    expect(
      await admin('create-agent', '--email', 'b@ville.example', '--name', 'B', '--password', 'long enough', '--role', 'PISCINE:field'),
    ).toBe(1);
    expect(await admin('create-agent', '--email', 'c@ville.example', '--name', 'C', '--password', 'short')).toBe(1);
    expect(err.map((line) => line.split(' ')[1])).toEqual(['AGENT_EMAIL_TAKEN', 'DEPARTMENT_NOT_FOUND', 'VALIDATION_FAILED']);
  });

  it('explains its usage on bad arguments', async () => {
    expect(await admin()).toBe(2);
    expect(await admin('explode', '--email', 'a@ville.example')).toBe(2);
    expect(
      await admin('create-agent', '--email', 'a@ville.example', '--name', 'A', '--password', 'long enough', '--role', 'VOIRIE:boss'),
    ).toBe(2);
    expect(await admin('create-agent', '--email', 'a@ville.example', '--nom', 'A')).toBe(2);
    expect(await admin('disable')).toBe(2);
    expect(err.every((line) => line.includes('usage: npm run central:admin'))).toBe(true);
  });

  it('sets a new password and revokes the sessions opened with the old one', async () => {
    expect(await admin('create-agent', '--email', 'a@ville.example', '--name', 'A', '--password', 'old password')).toBe(0);
    const { token } = (await signIn('a@ville.example', 'old password')).json<{ token: string }>();
    expect(await admin('set-password', '--email', 'a@ville.example', '--password', 'new password')).toBe(0);
    expect(out[1]).toMatch(/1 session\(s\) revoked$/);
    expect((await signIn('a@ville.example', 'old password')).statusCode).toBe(401);
    expect((await signIn('a@ville.example', 'new password')).statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: centralPaths.me, headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toEqual({ code: 'SESSION_EXPIRED', args: {} });
    expect(await admin('set-password', '--email', 'nobody@ville.example', '--password', 'new password')).toBe(1);
  });

  it('replaces the roles of an agent moving to another department: new row version, audited, their scope follows', async () => {
    const { voirie, etatCivil } = await departments();
    expect(
      await admin('create-agent', '--email', 'a@ville.example', '--name', 'A', '--password', 'long enough', '--role', 'VOIRIE:field'),
    ).toBe(0);
    const agentId = out[0]?.split(' ')[2] as string;
    // The scope a replica of the agent is filled for, as a first pull answers it.
    const pull = async () => {
      const answer = await pullAnswer(createPgSyncStore(testDb.db), agentId, {
        clientId: uuidv7(),
        replicaFormat: REPLICA_FORMAT,
        cursor: null,
        scope: null,
        bootstrap: null,
        pageSize: 100,
      });
      return answer.kind === 'patch' ? answer.scope.departments : null;
    };
    expect(await pull()).toEqual([voirie.id]);
    const before = await currentVersion(testDb.db);

    expect(
      await admin(
        'set-roles',
        '--email',
        'a@ville.example',
        '--role',
        'ETAT-CIVIL:counter',
        '--role',
        'ETAT-CIVIL:counter',
        '--role',
        'VOIRIE:supervisor',
      ),
    ).toBe(0);
    expect(out[1]).toBe(`roles of ${agentId}: ETAT-CIVIL:counter VOIRIE:supervisor`);
    const [row] = await testDb.db.select({ rowVersion: agents.rowVersion }).from(agents);
    expect(row?.rowVersion).toBe(before + 1);
    expect(await pull()).toEqual([etatCivil.id, voirie.id].sort());
    const audited = (await testDb.db.select().from(auditLog)).find((entry) => entry.action === 'agent.set_roles');
    expect(audited?.changes).toEqual({ roles: { from: ['VOIRIE:field'], to: ['ETAT-CIVIL:counter', 'VOIRIE:supervisor'] } });

    // No role left: no department.
    expect(await admin('set-roles', '--email', 'a@ville.example')).toBe(0);
    expect(out[2]).toMatch(/: none$/);
    expect(await pull()).toEqual([]);

    expect(await admin('set-roles', '--email', 'a@ville.example', '--role', 'PISCINE:field')).toBe(1);
    expect(await admin('set-roles', '--email', 'nobody@ville.example', '--role', 'VOIRIE:field')).toBe(1);
    expect(await admin('set-roles', '--email', 'a@ville.example', '--role', 'VOIRIE')).toBe(2);
    expect(err.map((line) => line.split(' ')[1])).toEqual(['DEPARTMENT_NOT_FOUND', 'AGENT_NOT_FOUND', '"VOIRIE":']);
    expect(await currentVersion(testDb.db)).toBe(before + 2);
  });

  it('disables an agent: no more sign-in, a new row version for the replicas', async () => {
    expect(await admin('create-agent', '--email', 'a@ville.example', '--name', 'A', '--password', 'long enough')).toBe(0);
    const before = await currentVersion(testDb.db);
    expect(await admin('disable', '--email', 'a@ville.example')).toBe(0);
    expect((await signIn('a@ville.example', 'long enough')).json()).toEqual({ code: 'SIGN_IN_FAILED', args: {} });
    const [row] = await testDb.db.select().from(agents);
    expect(row?.disabledAt).toBeInstanceOf(Date);
    expect(row?.rowVersion).toBe(before + 1);
  });
});

describe('admin command line', () => {
  let testDb: CentralTestDb;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind: 'postgres' });
  });
  afterAll(async () => {
    await testDb.close();
  });

  // A subprocess needs a database another process can open: PostgreSQL (a PGlite folder has one owner).
  it('runs as `npm run central:admin` on the DATABASE_URL database', async () => {
    await centralBuilders(testDb.db).buildDepartment({ code: 'VOIRIE' });
    const run = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src-central/admin/main.ts',
        'create-agent',
        '--email',
        'cli@ville.example',
        '--name',
        'Par la CLI',
        '--password',
        'long enough',
        '--role',
        'VOIRIE:supervisor',
      ],
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: testDb.url ?? '', GUICHET_MIGRATIONS_DIR: centralMigrationsDir } },
    );
    expect(run.stdout).toMatch(/^agent created: [0-9a-f-]{36} cli@ville.example\n$/);
    const app = await buildTestServer(testDb);
    const answer = await app.inject({
      method: 'POST',
      url: centralPaths.signIn,
      payload: { email: 'cli@ville.example', password: 'long enough' },
    });
    await app.close();
    expect(answer.statusCode).toBe(200);
  });
});
