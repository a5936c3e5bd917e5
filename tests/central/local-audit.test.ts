import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setAgentRoles } from '../../src-central/admin/agent-admin';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { createServices, type Services } from '../../src-main/services/services';
import { LOCAL_AUDIT_RETENTION_DAYS } from '../../src-main/sync/local-retention';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';

const replicaMigrations = join(import.meta.dirname, '..', '..', 'drizzle', 'local');
const day = 86_400_000;

describe.each(dbKinds)('local audit rows on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let url: string;
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  const opened: Replica[] = [];

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    app = await buildTestServer(testDb(), { plugins: [syncRoutes()] });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    while (opened.length > 0) opened.pop()?.close();
    await app.close();
  });

  /** A workspace on its own clock, signed in and synced; its timers stay off (the test syncs). */
  async function workspace(email: string, clock = new ManualClock(new Date().toISOString())) {
    const replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder: replicaMigrations });
    opened.push(replica);
    const services: Services = createServices(replica.db, { centralUrl: url, clock });
    await services.sync.signIn({ email, password });
    services.sync.stop();
    await services.sync.engine.sync();
    const agent = services.session.currentAgent()!;
    const auditedIds = () =>
      replica.db.$client.prepare('SELECT DISTINCT entity_id FROM audit_log ORDER BY entity_id').pluck().all() as string[];
    return { replica, services, agent, clock, auditedIds };
  }

  it('drops the local audit rows of a case that left the agent’s departments, with the case', async () => {
    const counter = await workspace('camille@ville.example');
    const moving = counter.services.cases.open(counter.agent, { categoryId: city.potHole.id, channel: 'phone', subject: 'Trou' });
    const staying = counter.services.cases.open(counter.agent, { categoryId: city.potHole.id, channel: 'phone', subject: 'Lampadaire' });
    await counter.services.sync.engine.sync();
    const field = await workspace('terrain@ville.example');
    const note = field.services.cases.comment(field.agent, {
      caseId: moving.id,
      visibility: 'internal',
      body: 'Trou profond, devant le n° 12',
    });
    const kept = field.services.cases.comment(field.agent, { caseId: staying.id, visibility: 'internal', body: 'Ampoule grillée' });
    await field.services.sync.engine.sync();
    expect(field.auditedIds()).toEqual([note.id, kept.id].sort());

    await counter.services.sync.engine.sync();
    counter.services.cases.transfer(counter.agent, {
      caseId: moving.id,
      expectedDepartmentId: city.voirie.id,
      categoryId: city.certificate.id,
    });
    await counter.services.sync.engine.sync();
    await field.services.sync.engine.sync();
    expect(field.replica.db.$client.prepare('SELECT id FROM cases').pluck().all()).toEqual([staying.id]);
    expect(field.auditedIds()).toEqual([kept.id]);
  });

  it('drops the local audit rows of a department and of the citizen file the agent no longer holds', async () => {
    const camille = await workspace('camille@ville.example');
    const citizen = camille.services.citizens.create(camille.agent, { firstName: 'Léa', lastName: 'Martin' });
    const civil = camille.services.cases.open(camille.agent, {
      categoryId: city.certificate.id,
      channel: 'counter',
      subject: 'Acte de naissance',
    });
    const road = camille.services.cases.open(camille.agent, { categoryId: city.potHole.id, channel: 'counter', subject: 'Trou' });
    await camille.services.sync.engine.sync();
    const civilEvents = camille.replica.db.$client
      .prepare('SELECT id FROM case_events WHERE case_id = ?')
      .pluck()
      .all(civil.id) as string[];
    expect(civilEvents.length).toBeGreaterThan(0);
    expect(camille.auditedIds()).toEqual(expect.arrayContaining([citizen.id, civil.id, road.id, ...civilEvents]));

    await setAgentRoles(testDb().db, new ManualClock(new Date().toISOString()), {
      email: 'camille@ville.example',
      roles: [{ departmentCode: 'VOIRIE', role: 'field' }],
    });
    await camille.services.sync.engine.sync();
    expect(camille.replica.db.$client.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(0);
    const after = camille.auditedIds();
    expect(after).toContain(road.id);
    expect(after).not.toContain(citizen.id);
    // Nothing left about the case of État civil, its events included.
    expect(after.filter((id) => id === civil.id || civilEvents.includes(id))).toEqual([]);
  });

  /** A row written `days` + 1 days ago goes at the next sync, one written `days` - 1 days ago stays. */
  async function expectPurgedAfter(days: number) {
    const camille = await workspace('camille@ville.example');
    const old = camille.services.citizens.create(camille.agent, { firstName: 'Léa', lastName: 'Martin' });
    camille.clock.advance((days - 1) * day);
    const recent = camille.services.citizens.create(camille.agent, { firstName: 'Hugo', lastName: 'Martin' });
    camille.clock.advance(2 * day);
    camille.services.sync.start();
    await camille.services.sync.syncNow();
    camille.services.sync.stop();
    expect(camille.auditedIds()).toEqual([recent.id]);
    expect(camille.auditedIds()).not.toContain(old.id);
  }

  it(`purges local audit rows older than ${LOCAL_AUDIT_RETENTION_DAYS} days when the workspace syncs`, async () => {
    await expectPurgedAfter(LOCAL_AUDIT_RETENTION_DAYS);
  });

  it('keeps its audit rows as long as the city says at sign-in (LOCAL_AUDIT_RETENTION_DAYS)', async () => {
    await app.close();
    app = await buildTestServer(testDb(), { plugins: [syncRoutes()], config: { localAuditRetentionDays: 7 } });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    await expectPurgedAfter(7);
  });
});
