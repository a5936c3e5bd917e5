import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { citizens, mutationLog } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { applyMigrations } from '../../src-main/db/migrations';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import * as schema from '../../src-main/db/schema';
import { readMeta } from '../../src-main/repositories/meta-repository';
import { createServices, type Services } from '../../src-main/services/services';
import { createCaller } from '../../src-main/trpc/root';
import { useCentralTestDb } from '../central/support/central-test-db';
import { buildSyncCity, password } from '../central/support/sync-city';
import { buildTestServer } from '../central/support/test-server';
import { failure } from '../support/failure';

/**
 * Shared desks (docs/security/sessions.md): agents sign in one after another on one replica. The one leaving has
 * their changes pushed under their name (or kept for them), the next one gets a fresh client identity, their
 * own inbox and only their own scope.
 */

const testDb = useCentralTestDb('pglite', 60_000);
let city: Awaited<ReturnType<typeof buildSyncCity>>;
let central: FastifyInstance;
let url: string;
let replica: Replica;
let services: Services;
let caller: ReturnType<typeof createCaller>;

const listen = async (port = 0) => {
  central = await buildTestServer(testDb(), { plugins: [syncRoutes()] });
  return central.listen({ port, host: '127.0.0.1' });
};
const one = (query: string) => replica.db.$client.prepare(query).pluck().get();

beforeEach(async () => {
  city = await buildSyncCity(testDb().db);
  url = await listen();
  replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder: resolve('drizzle/local') });
  services = createServices(replica.db, { centralUrl: url });
  caller = createCaller(() => ({ services, agent: services.session.currentAgent() }));
});
afterEach(async () => {
  services.sync.stop();
  replica.close();
  await central.close();
});

/** Signs in and bootstraps; the workspace then syncs only when the test says so. */
async function signIn(email: string) {
  const agent = await caller.sync.signIn({ email, password });
  services.sync.stop();
  await services.sync.engine.sync();
  return agent;
}

/** The counter agent's work: a citizen, a case in each department. */
async function counterWork() {
  const citizen = await caller.citizen.create({ firstName: 'Léa', lastName: 'Guichet' });
  await caller.case.open({ citizenId: citizen.id, categoryId: city.certificate.id, channel: 'counter', subject: 'Acte de naissance' });
  await caller.case.open({ categoryId: city.potHole.id, channel: 'counter', subject: 'Nid-de-poule' });
  services.sync.stop();
  return citizen;
}

describe('a shared desk', () => {
  it('pushes the leaving agent’s changes under their name, then gives the next one a fresh identity and only their scope', async () => {
    await signIn(city.counter.email);
    const citizen = await counterWork();
    const firstClient = readMeta(replica.db, 'client_id');

    expect(await caller.sync.signOut()).toEqual({ signedOut: true, pending: 0 });
    const logged = await testDb().db.select({ agentId: mutationLog.agentId, clientId: mutationLog.clientId }).from(mutationLog);
    expect(logged).toHaveLength(3);
    expect(new Set(logged.map((row) => `${row.agentId}/${row.clientId}`))).toEqual(new Set([`${city.counter.id}/${firstClient}`]));

    await signIn(city.field.email);

    expect(services.sync.status()).toMatchObject({ online: true, pending: 0, inbox: 0 });
    expect(readMeta(replica.db, 'client_id')).not.toBe(firstClient);
    expect(one('SELECT count(*) FROM citizens')).toBe(0);
    expect(one('SELECT count(*) FROM audit_log')).toBe(0);
    expect(replica.db.$client.prepare('SELECT DISTINCT department_id FROM cases').pluck().all()).toEqual([city.voirie.id]);
    expect(await failure(caller.citizen.card({ id: citizen.id }))).toMatchObject({ code: 'CITIZEN_NOT_FOUND' });
    // The field agent writes under their own identity, numbered from 1.
    const [voirieCase] = (await caller.case.list({})).rows;
    await caller.case.comment({ caseId: voirieCase!.id, visibility: 'internal', body: 'Vu sur place' });
    await services.sync.engine.sync();
    const fieldLog = await testDb()
      .db.select({ mutationId: mutationLog.mutationId, clientId: mutationLog.clientId })
      .from(mutationLog)
      .where(eq(mutationLog.agentId, city.field.id));
    expect(fieldLog).toEqual([{ mutationId: 1, clientId: readMeta(replica.db, 'client_id') }]);
  });

  it('leaves no word of the previous agent’s rows anywhere in the file, freed space and log included', async () => {
    // A file without encryption, so that the test can read every byte the desk's key would decrypt.
    const folder = mkdtempSync(join(tmpdir(), 'guichet-desk-'));
    const file = join(folder, 'replica.db');
    const client = new Database(file);
    client.pragma('journal_mode = WAL');
    const db = drizzle({ client, schema });
    applyMigrations(db, resolve('drizzle/local'));
    const desk = createServices(db, { centralUrl: url });
    const deskCaller = createCaller(() => ({ services: desk, agent: desk.session.currentAgent() }));
    const onDisk = () =>
      ['', '-wal'].map((suffix) => (existsSync(file + suffix) ? readFileSync(file + suffix).toString('latin1') : '')).join('');
    try {
      await deskCaller.sync.signIn({ email: city.counter.email, password });
      desk.sync.stop();
      await desk.sync.engine.sync();
      await deskCaller.citizen.create({ firstName: 'Zephyrine', lastName: 'Introuvable' });
      await deskCaller.case.open({ categoryId: city.potHole.id, channel: 'counter', subject: 'Lampadaire clignotant' });
      desk.sync.stop();
      await desk.sync.engine.sync();
      expect(await deskCaller.sync.signOut()).toEqual({ signedOut: true, pending: 0 });
      expect(onDisk().includes('Introuvable')).toBe(true);

      // Signed in, before any sync of theirs: what the next agent's workspace opens on.
      await deskCaller.sync.signIn({ email: city.field.email, password });
      desk.sync.stop();

      const bytes = onDisk();
      expect(['Zephyrine', 'Introuvable', 'introuvable', 'Lampadaire', 'lampadaire'].filter((word) => bytes.includes(word))).toEqual([]);
    } finally {
      desk.sync.stop();
      client.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('offline, says how many changes wait, keeps them for the same agent only, and pushes them at their next session', async () => {
    await signIn(city.counter.email);
    const citizen = await caller.citizen.create({ firstName: 'Noé', lastName: 'Horsligne' });
    services.sync.stop();
    const port = Number(new URL(url).port);
    await central.close();

    expect(await caller.sync.signOut()).toEqual({ signedOut: false, pending: 1 });
    expect((await caller.session.current())?.id).toBe(city.counter.id);
    expect(await caller.sync.signOut({ keep: true })).toEqual({ signedOut: true, pending: 1 });

    await listen(port);
    await signIn(city.field.email);
    await services.sync.engine.sync();
    expect(services.sync.status()).toMatchObject({ pending: 0, inbox: 0 });
    expect(one('SELECT count(*) FROM citizens')).toBe(0);
    expect(one('SELECT count(*) FROM _pending')).toBe(0);
    expect(await caller.search.global({ q: 'Horsligne' })).toMatchObject({ citizens: [] });
    expect(await testDb().db.select().from(citizens).where(eq(citizens.id, citizen.id))).toEqual([]);
    expect(await caller.sync.signOut()).toEqual({ signedOut: true, pending: 0 });

    await signIn(city.counter.email);

    expect(await testDb().db.select({ lastName: citizens.lastName }).from(citizens).where(eq(citizens.id, citizen.id))).toEqual([
      { lastName: 'Horsligne' },
    ]);
    expect(
      await testDb().db.select({ agentId: mutationLog.agentId }).from(mutationLog).where(eq(mutationLog.name, 'citizen.create')),
    ).toEqual([{ agentId: city.counter.id }]);
    expect(services.sync.status().pending).toBe(0);
    expect((await caller.citizen.card({ id: citizen.id })).citizen.lastName).toBe('Horsligne');
  });

  it('shows each agent their own sync inbox only', async () => {
    await signIn(city.counter.email);
    const citizen = await caller.citizen.create({ firstName: 'Inès', lastName: 'Refus' });
    services.sync.stop();
    await services.sync.engine.sync();
    // Someone else changed the citizen meanwhile: the counter agent's stale update is refused.
    await testDb().db.update(citizens).set({ version: 99 }).where(eq(citizens.id, citizen.id));
    await caller.citizen.update({ id: citizen.id, expectedVersion: 1, values: { firstName: 'Inès', lastName: 'Refusé' } });
    services.sync.stop();
    await services.sync.engine.sync();
    expect((await caller.sync.inbox()).map((entry) => entry.agentId)).toEqual([city.counter.id]);
    expect(await caller.sync.signOut()).toEqual({ signedOut: true, pending: 0 });

    await signIn(city.field.email);
    expect(await caller.sync.inbox()).toEqual([]);
    expect(services.sync.status().inbox).toBe(0);
    await caller.sync.signOut();

    await signIn(city.counter.email);
    expect((await caller.sync.inbox()).map((entry) => entry.agentId)).toEqual([city.counter.id]);
  });
});
