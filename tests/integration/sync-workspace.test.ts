import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases, citizens } from '../../src-central/db/schema';
import type { CentralPlugin } from '../../src-central/service';
import { purgeTombstones } from '../../src-central/stores/postgres/horizon';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { systemClock } from '../../src-shared/domain/clock';
import { GuichetError } from '../../src-shared/errors';
import type { PullRequest } from '../../src-shared/sync';
import { openReplica } from '../../src-main/db/open-replica';
import { createRepositories } from '../../src-main/repositories/repositories';
import { createServices } from '../../src-main/services/services';
import { CentralUnreachable, syncRequestChannel, type SyncRequestEvent } from '../../src-main/sync/http-transport';
import { createSyncService } from '../../src-main/sync/sync-service';
import { readSyncState } from '../../src-main/sync/sync-state';
import { useCentralTestDb } from '../central/support/central-test-db';
import { buildSyncCity, password, signedInWorkspace, type TestWorkspace } from '../central/support/sync-city';
import { buildTestServer } from '../central/support/test-server';
import { centralPaths, syncPathPrefix } from '../../src-shared/http/endpoints';

/**
 * The workspace's sync service against the real central service (PGlite, real HTTP) and real replicas: the
 * sync inbox, a reset under a pending mutation, working offline after sign-in, and the retry schedule.
 */

const replicaMigrations = join(import.meta.dirname, '..', '..', 'drizzle', 'local');

/**
 * What the central does besides answering sync requests: 503 while `unavailable` (an overloaded service
 * behind its proxy), and one pull held at the door until the test lets it through or cuts its connection.
 */
function centralFaults() {
  const state = { unavailable: false, refused: 0 };
  let held: { arrived: () => void; outcome: Promise<'pass' | 'cut'> } | null = null;
  const plugin: CentralPlugin = async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'POST' || !request.url.startsWith(syncPathPrefix)) return;
      if (state.unavailable) {
        state.refused++;
        return reply.code(503).send({ code: 'INTERNAL', args: {} });
      }
      if (held === null || request.url !== centralPaths.pull) return;
      const { arrived, outcome } = held;
      held = null;
      arrived();
      if ((await outcome) === 'pass') return;
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    });
  };
  // Like fastify-plugin: the hook must see the sync routes, registered beside it.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  const holdNextPull = () => {
    let decide: (outcome: 'pass' | 'cut') => void = () => undefined;
    const outcome = new Promise<'pass' | 'cut'>((resolve) => (decide = resolve));
    const arrived = new Promise<void>((resolve) => (held = { arrived: resolve, outcome }));
    return { arrived, pass: () => decide('pass'), cut: () => decide('cut') };
  };
  return { state, plugin, holdNextPull };
}

const testDb = useCentralTestDb('pglite', 60_000);
let city: Awaited<ReturnType<typeof buildSyncCity>>;
let faults: ReturnType<typeof centralFaults>;
let central: FastifyInstance;
let url: string;
const cleanups: (() => void)[] = [];

const buildCentral = () => buildTestServer(testDb(), { plugins: [faults.plugin, syncRoutes()] });
const listen = (app: FastifyInstance, port: number) => app.listen({ port, host: '127.0.0.1' });
const port = () => Number(new URL(url).port);

beforeEach(async () => {
  city = await buildSyncCity(testDb().db);
  faults = centralFaults();
  central = await buildCentral();
  url = await listen(central, 0);
});
afterEach(async () => {
  vi.useRealTimers();
  while (cleanups.length > 0) cleanups.pop()?.();
  await central.close();
});

/** A signed-in, bootstrapped workspace that syncs only when the test says so: no poke socket, no timer. */
async function quietWorkspace(email: string): Promise<TestWorkspace> {
  const workspace = await signedInWorkspace(url, email);
  cleanups.push(workspace.close);
  workspace.services.sync.stop();
  return workspace;
}

/** The sync requests that got an answer from now on, in order. */
function recordSyncRequests(): SyncRequestEvent[] {
  const seen: SyncRequestEvent[] = [];
  const record = (event: unknown) => seen.push(event as SyncRequestEvent);
  syncRequestChannel.subscribe(record);
  cleanups.push(() => syncRequestChannel.unsubscribe(record));
  return seen;
}

const one = (workspace: TestWorkspace, query: string, ...params: unknown[]) =>
  workspace.replica.db.$client
    .prepare(query)
    .pluck()
    .get(...params);
const all = (workspace: TestWorkspace, query: string, ...params: unknown[]) =>
  workspace.replica.db.$client
    .prepare(query)
    .pluck()
    .all(...params);

async function serverStatus(caseId: string): Promise<string | undefined> {
  const [row] = await testDb().db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId));
  return row?.status;
}

async function serverEvents(caseId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  return testDb()
    .db.select({ type: caseEvents.type, data: caseEvents.data })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.rowVersion));
}

/** The code of the GuichetError `run` throws. */
function refusalCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof GuichetError) return error.code;
    throw error;
  }
  throw new Error('nothing was refused');
}

describe('the sync inbox', () => {
  /** Two workspaces of one agent change a new case's status; the second's change is refused. */
  async function refusedCancel() {
    const first = await quietWorkspace('camille@ville.example');
    const agent = first.services.session.currentAgent()!;
    const opened = first.services.cases.open(agent, { categoryId: city.potHole.id, channel: 'phone', subject: 'Trou' });
    await first.services.sync.engine.sync();
    const second = await quietWorkspace('camille@ville.example');
    first.services.cases.transition(agent, { caseId: opened.id, action: 'qualify', expectedStatus: 'new' });
    second.services.cases.transition(agent, { caseId: opened.id, action: 'cancel', expectedStatus: 'new', comment: 'Doublon' });
    await first.services.sync.engine.sync();
    await second.services.sync.engine.sync();
    const inbox = second.services.syncInbox.inbox();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      name: 'case.transition',
      outcome: 'conflict',
      error: { code: 'STATUS_CHANGED', args: { expected: 'new', actual: 'qualified' } },
    });
    expect(second.services.sync.status()).toMatchObject({ pending: 0, inbox: 1 });
    return { first, second, agent, caseId: opened.id, refusal: inbox[0]! };
  }

  it('re-applies a refused status change as a new change, which the server keeps, and the refusal leaves the inbox', async () => {
    const { first, second, agent, caseId, refusal } = await refusedCancel();
    second.services.syncInbox.reapply(agent, refusal.mutationId, new Date());
    expect(second.services.syncInbox.inbox()).toEqual([]);
    expect(second.services.sync.status()).toMatchObject({ pending: 1, inbox: 0 });
    const args = JSON.parse(one(second, 'SELECT args FROM _pending') as string) as Record<string, unknown>;
    expect(args).toMatchObject({ caseId, action: 'cancel', expectedStatus: 'qualified', comment: 'Doublon' });
    expect(args.eventId).not.toBe((refusal.args as Record<string, unknown>).eventId);
    expect(one(second, 'SELECT status FROM cases WHERE id = ?', caseId)).toBe('cancelled');

    await second.services.sync.engine.sync();
    expect(second.services.sync.status()).toMatchObject({ pending: 0, inbox: 0, online: true });
    expect(await serverStatus(caseId)).toBe('cancelled');
    expect((await serverEvents(caseId)).map((event) => event.type)).toEqual(['created', 'status_changed', 'status_changed']);
    expect((await serverEvents(caseId)).at(-1)?.data).toMatchObject({ from: 'qualified', to: 'cancelled', comment: 'Doublon' });
    await first.services.sync.engine.sync();
    expect(one(first, 'SELECT status FROM cases WHERE id = ?', caseId)).toBe('cancelled');
    expect(one(second, 'SELECT resolution FROM _sync_inbox WHERE mutation_id = ?', refusal.mutationId)).toBe('reapplied');
    expect(refusalCode(() => second.services.syncInbox.reapply(agent, refusal.mutationId, new Date()))).toBe('VALIDATION_FAILED');
    // Decided once: it cannot be discarded afterwards either, nor can a refusal that never was.
    expect(refusalCode(() => second.services.syncInbox.discard(refusal.mutationId))).toBe('VALIDATION_FAILED');
    expect(refusalCode(() => second.services.syncInbox.discard(9_999))).toBe('VALIDATION_FAILED');
    expect(one(second, 'SELECT resolution FROM _sync_inbox WHERE mutation_id = ?', refusal.mutationId)).toBe('reapplied');
  });

  it('drops a discarded refusal from the inbox and sends nothing for it', async () => {
    const { second, agent, caseId, refusal } = await refusedCancel();
    second.services.syncInbox.discard(refusal.mutationId);
    expect(second.services.syncInbox.inbox()).toEqual([]);
    expect(second.services.sync.status()).toMatchObject({ pending: 0, inbox: 0 });
    expect(one(second, 'SELECT resolution FROM _sync_inbox WHERE mutation_id = ?', refusal.mutationId)).toBe('discarded');

    const sent = recordSyncRequests();
    await second.services.sync.engine.sync();
    expect(sent.map((event) => event.path)).toEqual([centralPaths.pull]);
    expect(await serverStatus(caseId)).toBe('qualified');
    expect((await serverEvents(caseId)).map((event) => event.type)).toEqual(['created', 'status_changed']);
    expect(one(second, 'SELECT status FROM cases WHERE id = ?', caseId)).toBe('qualified');
    expect(refusalCode(() => second.services.syncInbox.reapply(agent, refusal.mutationId, new Date()))).toBe('VALIDATION_FAILED');
  });
});

describe('a reset', () => {
  it('rebuilds a replica older than the tombstone horizon, keeping a mutation not pushed yet, which reaches the server next', async () => {
    const counter = await quietWorkspace('camille@ville.example');
    const desk = counter.services.session.currentAgent()!;
    const leaving = counter.services.cases.open(desk, { categoryId: city.potHole.id, channel: 'phone', subject: 'Mal orienté' });
    const staying = counter.services.cases.open(desk, { categoryId: city.potHole.id, channel: 'phone', subject: 'Trou rue Haute' });
    await counter.services.sync.engine.sync();
    const field = await quietWorkspace('terrain@ville.example');
    expect(all(field, 'SELECT id FROM cases ORDER BY id')).toEqual([leaving.id, staying.id].sort());
    const staleCursor = readSyncState(field.replica.db).cursor;

    counter.services.cases.transfer(desk, {
      caseId: leaving.id,
      expectedDepartmentId: city.voirie.id,
      categoryId: city.certificate.id,
      comment: null,
    });
    await counter.services.sync.engine.sync();
    const purged = await purgeTombstones(testDb().db, new Date(Date.now() + 86_400_000));
    expect(purged.purged).toBe(2);
    expect(purged.horizon).toBeGreaterThan(staleCursor ?? 0);

    // The field agent writes while its sync's pull is at the server: the push of that sync found nothing to send.
    const held = faults.holdNextPull();
    const sent = recordSyncRequests();
    const syncing = field.services.sync.engine.sync();
    await held.arrived;
    const note = field.services.cases.comment(field.services.session.currentAgent()!, {
      caseId: staying.id,
      visibility: 'internal',
      body: 'Vu sur place',
    });
    expect(field.services.sync.status().pending).toBe(1);
    held.pass();
    await syncing;

    // The pull answered `reset`; the replica pulled again from nothing.
    expect(sent.map((event) => [event.path, (event.request as PullRequest).cursor])).toEqual([
      [centralPaths.pull, staleCursor],
      [centralPaths.pull, null],
    ]);
    // The transfer's tombstones are gone: only the rebuild takes the case out of this replica.
    expect(all(field, 'SELECT id FROM cases')).toEqual([staying.id]);
    expect(field.services.sync.status()).toMatchObject({ pending: 1, online: true });
    expect(one(field, 'SELECT type FROM case_events WHERE id = ?', note.id)).toBe('internal_note');
    expect((await serverEvents(staying.id)).map((event) => event.type)).toEqual(['created']);

    await field.services.sync.engine.sync();
    expect(field.services.sync.status()).toMatchObject({ pending: 0, inbox: 0 });
    expect(await serverEvents(staying.id)).toEqual([
      { type: 'created', data: expect.any(Object) as unknown },
      { type: 'internal_note', data: { body: 'Vu sur place' } },
    ]);
    expect(all(field, 'SELECT type FROM case_events WHERE case_id = ? ORDER BY at, type', staying.id)).toEqual([
      'created',
      'internal_note',
    ]);
  });
});

describe('offline after sign-in', () => {
  it('keeps the signed-in agent while the central is down, and takes mutations into the outbox', async () => {
    const replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder: replicaMigrations });
    const services = createServices(replica.db, { centralUrl: url });
    cleanups.push(() => {
      services.sync.stop();
      replica.close();
    });

    // The central stops while the first pull is under way: the replica never gets the agent's row.
    const held = faults.holdNextPull();
    const agent = await services.sync.signIn({ email: 'camille@ville.example', password });
    await held.arrived;
    const stopped = central.close();
    held.cut();
    await stopped;
    await expect(services.sync.engine.sync()).rejects.toBeInstanceOf(CentralUnreachable);

    await vi.waitFor(() => expect(services.sync.status().live).toBe(false));
    expect(services.sync.status()).toMatchObject({ signedIn: true, online: false, pending: 0, inbox: 0, lastSyncAt: null });
    expect(replica.db.$client.prepare('SELECT count(*) FROM agents').pluck().get()).toBe(0);
    expect(agent).toMatchObject({ id: city.counter.id, name: 'Camille Accueil', email: 'camille@ville.example' });
    expect(agent.roles).toHaveLength(2);
    expect(services.sync.signedInIdentity()).toEqual(agent);
    expect(services.session.currentAgent()).toEqual(agent);

    const citizen = services.citizens.create(services.session.currentAgent()!, { firstName: 'Léa', lastName: 'Hors-ligne' });
    expect(services.sync.status().pending).toBe(1);
    expect(replica.db.$client.prepare('SELECT name, agent_id AS agentId FROM _pending').all()).toEqual([
      { name: 'citizen.create', agentId: agent.id },
    ]);
    expect(replica.db.$client.prepare('SELECT last_name FROM citizens WHERE id = ?').pluck().get(citizen.id)).toBe('Hors-ligne');
    await expect(services.sync.engine.sync()).rejects.toBeInstanceOf(CentralUnreachable);
    expect(services.sync.status().pending).toBe(1);

    // Back on the same address: the outbox goes, and the agent's own row replaces the stand-in.
    central = await buildCentral();
    await listen(central, port());
    await services.sync.engine.sync();
    expect(services.sync.status()).toMatchObject({ pending: 0, online: true });
    expect(await testDb().db.select({ lastName: citizens.lastName }).from(citizens).where(eq(citizens.id, citizen.id))).toEqual([
      { lastName: 'Hors-ligne' },
    ]);
    expect(replica.db.$client.prepare('SELECT email FROM agents WHERE id = ?').pluck().get(agent.id)).toBe('camille@ville.example');
    expect(services.session.currentAgent()).toMatchObject({ id: agent.id, email: agent.email });

    // Signing out forgets the identity too: the next agent at this desk does not inherit it.
    await services.sync.signOut();
    expect({
      identity: services.sync.signedInIdentity(),
      agent: services.session.currentAgent(),
      signedIn: services.sync.status().signedIn,
    }).toEqual({ identity: null, agent: null, signedIn: false });
  });
});

describe('retries', () => {
  /** The retry timer goes off exactly `delay` ms after it was set, and the attempt it starts sets the next one. */
  async function attemptAfter(delay: number): Promise<void> {
    vi.advanceTimersByTime(delay - 1);
    expect(vi.getTimerCount(), `still waiting at ${delay - 1} ms`).toBe(1);
    vi.advanceTimersByTime(1);
    expect(vi.getTimerCount(), `gone off at ${delay} ms`).toBe(0);
    // The attempt runs on real sockets: the loop's I/O turns until it has set the next timer.
    const deadline = performance.now() + 10_000;
    while (vi.getTimerCount() === 0) {
      if (performance.now() > deadline) throw new Error(`no timer set after the attempt at ${delay} ms`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('wait 2, 4, 8 … 60 s while the central is unreachable or answers 503, and start again from 2 s after a success', async () => {
    const workspace = await quietWorkspace('camille@ville.example');
    // A sync service of its own on the signed-in replica, never started: no poke socket, only the timer under test.
    const sync = createSyncService(workspace.replica.db, createRepositories(workspace.replica.db), {
      centralUrl: url,
      clock: systemClock,
    });
    cleanups.push(sync.stop);
    // Built now, while timers are real; it listens on the same address once the first has been down a while.
    const restarted = await buildCentral();
    await central.close();
    central = restarted;

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await sync.syncNow();
    expect(sync.status().online).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    for (const delay of [2_000, 4_000, 8_000]) await attemptAfter(delay);
    expect(sync.status().online).toBe(false);

    await listen(restarted, port());
    faults.state.unavailable = true;
    for (const delay of [16_000, 32_000, 60_000, 60_000]) await attemptAfter(delay);
    expect(faults.state.refused).toBe(4);
    expect(sync.status().online).toBe(false);

    faults.state.unavailable = false;
    await attemptAfter(60_000);
    expect(sync.status().online).toBe(true);
    // The periodic sync, a minute later, meets a 503: the next attempt comes 2 s after it, not a minute.
    faults.state.unavailable = true;
    await attemptAfter(60_000);
    expect(faults.state.refused).toBe(5);
    expect(sync.status().online).toBe(false);
    faults.state.unavailable = false;
    await attemptAfter(2_000);
    expect(sync.status().online).toBe(true);
    expect(faults.state.refused).toBe(5);
  });
});
