import { and, asc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { isGuichetError } from '../../src-shared/errors';
import { REPLICA_FORMAT, type PushRequest } from '../../src-shared/sync';
import { auditLog, caseEvents, cases, mutationLog, syncClients, syncCounter } from '../../src-central/db/schema';
import type { CentralDb } from '../../src-central/db/central-db-types';
import { flushGroup } from '../../src-central/stores/postgres/pg-push-writes';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { applyPush } from '../../src-central/sync/push';
import type { SyncStore } from '../../src-central/sync/store';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';

const now = () => new Date('2026-03-02T09:00:00.000Z');

/** A client's pushes, ids continuing its own gap-free sequence. */
function pushClient() {
  const clientId = uuidv7();
  let last = 0;
  return {
    clientId,
    request(list: { name: string; args: unknown }[], options: { skip?: number } = {}): PushRequest {
      last += options.skip ?? 0;
      const mutations = list.map(({ name, args }) => ({ mutationId: ++last, name, createdAt: now().toISOString(), args }));
      return { clientId, replicaFormat: REPLICA_FORMAT, mutations };
    },
  };
}

const openCase = (categoryId: string, id = uuidv7()) => ({
  name: 'case.open',
  args: { id, trackingCode: id.slice(-12), eventId: uuidv7(), categoryId, channel: 'phone', subject: 'Nid-de-poule rue des Lilas' },
});
const comment = (caseId: string, body = 'Toujours là') => ({
  name: 'case.comment',
  args: { caseId, visibility: 'internal', body, eventId: uuidv7() },
});

describe.each(dbKinds)('push groups on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let groups: number[];
  let store: SyncStore;

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    groups = [];
    store = createPgSyncStore(testDb().db, { onGroup: (members) => groups.push(members) });
  });

  const push = (request: PushRequest, agentId = city.counter.id) => applyPush(store, agentId, request, now);
  const logOf = (clientId: string) =>
    testDb().db.select().from(mutationLog).where(eq(mutationLog.clientId, clientId)).orderBy(asc(mutationLog.mutationId));

  it('writes a group too large for one statement in several, and keeps a JSON null the client sent', async () => {
    const client = pushClient();
    const caseId = uuidv7();
    await push(client.request([openCase(city.potHole.id, caseId)]));
    const [opened] = await testDb().db.select().from(cases).where(eq(cases.id, caseId));
    if (opened === undefined) throw new Error('the case was not opened');
    const [counter] = await testDb().db.select().from(syncCounter);
    const from = counter?.version ?? 0;
    // 2,000 notes and their audit rows (8 parameters each): past the 30,000 parameters of one statement.
    const notes = Array.from({ length: 2_000 }, (_, i) => ({
      id: uuidv7(),
      caseId,
      departmentId: opened.departmentId,
      type: 'internal_note' as const,
      at: now().toISOString(),
      agentId: city.counter.id,
      data: { body: `Note ${i}` },
      rowVersion: from + 1,
    }));
    await testDb().db.transaction(async (tx) =>
      flushGroup(tx as unknown as CentralDb, {
        entities: notes.map((row) => ({ op: 'insert' as const, table: 'caseEvents' as const, row })),
        clients: new Map(),
        log: [],
        audit: notes.map((row) => ({
          at: now(),
          agentId: city.counter.id,
          action: 'case.comment',
          entity: 'caseEvent',
          entityId: row.id,
          changes: {},
          clientId: client.clientId,
          mutationId: 2,
        })),
        versions: { from, to: from + 1 },
      }),
    );
    const [{ count } = { count: -1 }] = await testDb()
      .db.select({ count: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseId));
    expect(count).toBe(notes.length + 1);
    expect((await testDb().db.select().from(syncCounter))[0]?.version).toBe(from + 1);

    const refused = await push(client.request([{ name: 'case.comment', args: null }]));
    expect(refused.response.results[0]?.outcome).toBe('rejected');
    const [logged] = await testDb()
      .db.select({ args: sql<string>`jsonb_typeof(${mutationLog.args})` })
      .from(mutationLog)
      .where(and(eq(mutationLog.clientId, client.clientId), eq(mutationLog.mutationId, 2)));
    expect(logged?.args).toBe('null');
  });

  it('audits each change with what each field held before and the mutation that made it', async () => {
    const client = pushClient();
    const caseId = uuidv7();
    await push(client.request([openCase(city.potHole.id, caseId)]));
    const qualify = {
      name: 'case.transition',
      args: { caseId, action: 'qualify', expectedStatus: 'new', comment: null, eventId: uuidv7() },
    };
    // Opened and qualified in one group too: the second audit row sees the first change through the group's overlay.
    const again = uuidv7();
    const outcome = await push(
      client.request([
        qualify,
        openCase(city.potHole.id, again),
        { ...qualify, args: { ...qualify.args, caseId: again, eventId: uuidv7() } },
      ]),
    );
    expect(outcome.response.results.map((result) => result.outcome)).toEqual(['applied', 'applied', 'applied']);
    const rows = await testDb().db.select().from(auditLog).where(eq(auditLog.entity, 'case')).orderBy(asc(auditLog.id));
    expect(rows.map((row) => [row.entityId, row.action, row.clientId, row.mutationId])).toEqual([
      [caseId, 'case.open', client.clientId, 1],
      [caseId, 'case.transition', client.clientId, 2],
      [again, 'case.open', client.clientId, 3],
      [again, 'case.transition', client.clientId, 4],
    ]);
    for (const row of [rows[1], rows[3]]) {
      expect(row?.agentId).toBe(city.counter.id);
      expect(row?.changes['status']).toEqual({ from: 'new', to: 'qualified' });
      expect(row?.changes['version']).toEqual({ from: 1, to: 2 });
    }
    expect(rows[0]?.changes['status']).toEqual({ from: null, to: 'new' });
  });

  it('applies concurrent pushes of many clients exactly once, in order, sharing transactions', async () => {
    const clients = Array.from({ length: 24 }, pushClient);
    const caseIds = clients.map(() => uuidv7());
    // Each client opens a case and comments it, then comments it twice more, all clients at once.
    const first = await Promise.all(
      clients.map((client, i) => push(client.request([openCase(city.potHole.id, caseIds[i]), comment(caseIds[i] as string)]))),
    );
    const second = await Promise.all(
      clients.map((client, i) =>
        push(client.request([comment(caseIds[i] as string, 'un'), comment(caseIds[(i + 1) % clients.length] as string, 'deux')])),
      ),
    );

    expect(Math.max(...groups)).toBeGreaterThan(1);
    for (const outcome of [...first, ...second])
      expect(outcome.response.results.map((result) => result.outcome)).toEqual(['applied', 'applied']);
    expect(second.map((outcome) => outcome.response.lastMutationId)).toEqual(clients.map(() => 4));
    const versions: number[] = [];
    for (const client of clients) {
      const log = await logOf(client.clientId);
      expect(log.map((row) => [row.mutationId, row.outcome])).toEqual([1, 2, 3, 4].map((id) => [id, 'applied']));
      // Versions follow each client's mutation order.
      const own = log.map((row) => row.rowVersion as number);
      expect(own).toEqual([...own].sort((a, b) => a - b));
      versions.push(...own);
    }
    // One version per applied mutation, none shared, the counter at the last.
    expect(new Set(versions).size).toBe(versions.length);
    const [counter] = await testDb().db.select().from(syncCounter);
    expect(counter?.version).toBe(Math.max(...versions));
    const stamped = await testDb().db.select({ version: caseEvents.rowVersion }).from(caseEvents);
    expect(stamped).toHaveLength(clients.length * 4);
    for (const { version } of stamped) expect(versions).toContain(version);
    const [{ count } = { count: -1 }] = await testDb()
      .db.select({ count: sql<number>`count(*)::int` })
      .from(cases);
    expect(count).toBe(clients.length);
    const saved = await testDb().db.select().from(syncClients);
    expect(saved.map((row) => row.lastMutationId)).toEqual(clients.map(() => 4));
    // Each push's notice names the last version of its own writes.
    for (const outcome of second) expect(versions).toContain(outcome.changed?.version);
  });

  it('lets a later member of a group read what an earlier one wrote', async () => {
    const writer = pushClient();
    const caseId = uuidv7();
    const [opened, commented] = await Promise.all([
      push(writer.request([openCase(city.potHole.id)])),
      push(writer.request([openCase(city.potHole.id, caseId)])),
      push(writer.request([comment(caseId)])),
    ]).then((outcomes) => [outcomes[1], outcomes[2]]);
    expect(groups).toEqual([1, 2]);
    expect(opened?.response.results[0]?.outcome).toBe('applied');
    expect(commented?.response.results[0]?.outcome).toBe('applied');
    const events = await testDb().db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(events.map((event) => [event.type, event.departmentId])).toEqual([
      ['created', city.voirie.id],
      ['internal_note', city.voirie.id],
    ]);
  });

  it('answers a resend in the same group from the log, applying nothing twice', async () => {
    const client = pushClient();
    const caseId = uuidv7();
    await push(client.request([openCase(city.potHole.id, caseId)]));
    const request = client.request([
      comment(caseId),
      { name: 'case.comment', args: { caseId: uuidv7(), visibility: 'internal', body: 'Perdu', eventId: uuidv7() } },
    ]);
    const [blocker, once, again] = await Promise.all([
      push(pushClient().request([comment(caseId)])),
      push(request),
      push(structuredClone(request)),
    ]);
    expect(groups.at(-1)).toBe(2);
    expect(blocker.response.results[0]?.outcome).toBe('applied');
    expect(again.response).toEqual(once.response);
    expect(once.response.results.map((result) => result.outcome)).toEqual(['applied', 'rejected']);
    expect(once.response.results[1]?.error?.code).toBe('CASE_NOT_FOUND');
    expect(again.changed).toBeNull();
    expect((await logOf(client.clientId)).map((row) => row.mutationId)).toEqual([1, 2, 3]);
    expect(await testDb().db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).toHaveLength(3);
  });

  it('refuses a push with a gap alone: nothing of it is written, the others of its group are', async () => {
    const caseId = uuidv7();
    await push(pushClient().request([openCase(city.potHole.id, caseId)]));
    const gapped = pushClient();
    const request = gapped.request([comment(caseId, 'un'), comment(caseId, 'deux')]);
    request.mutations[1]!.mutationId = 4;
    const others = [pushClient(), pushClient()];
    const settled = await Promise.allSettled([
      push(others[0]!.request([comment(caseId)])),
      push(request),
      push(others[1]!.request([comment(caseId)])),
    ]);
    expect(groups.at(-1)).toBe(2);
    expect(settled[0]?.status).toBe('fulfilled');
    expect(settled[2]?.status).toBe('fulfilled');
    const refused = settled[1];
    expect(refused?.status === 'rejected' && isGuichetError(refused.reason) && refused.reason.code).toBe('MUTATION_GAP');
    expect(await logOf(gapped.clientId)).toEqual([]);
    expect(await testDb().db.select().from(syncClients).where(eq(syncClients.clientId, gapped.clientId))).toEqual([]);
    const bodies = (await testDb().db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map(
      (event) => (event.data as { body?: string }).body,
    );
    expect(bodies.filter((body) => body !== undefined)).toEqual(['Toujours là', 'Toujours là']);
  });

  it('fails only the member whose writes fail: the others of its group are applied once', async () => {
    const caseId = uuidv7();
    await push(pushClient().request([openCase(city.potHole.id, caseId)]));
    const taken = comment(caseId, 'premier');
    await push(pushClient().request([taken]));
    // The same event id again: the database refuses it when the group writes (a unique key).
    const clash = pushClient();
    const fine = [pushClient(), pushClient()];
    const settled = await Promise.allSettled([
      push(fine[0]!.request([comment(caseId, 'a')])),
      push(fine[0]!.request([comment(caseId, 'b')])),
      push(pushClient().request([comment(caseId, 'c')])),
      push(clash.request([comment(caseId, 'avant'), { ...taken, args: { ...taken.args, body: 'doublon' } }])),
      push(fine[1]!.request([comment(caseId, 'd')])),
    ]);
    // The group of four fails at its write and its members run alone; the clash fails alone too, and its
    // push then runs mutation by mutation (push-taken-id.test.ts): the reused id is refused, nothing else.
    expect(groups.slice(2, 8)).toEqual([1, 4, 1, 1, 1, 1]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((await logOf(clash.clientId)).map((row) => [row.mutationId, row.outcome])).toEqual([
      [1, 'applied'],
      [2, 'rejected'],
    ]);
    expect((await logOf(fine[0]!.clientId)).map((row) => row.mutationId)).toEqual([1, 2]);
    const bodies = (await testDb().db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map(
      (event) => (event.data as { body?: string }).body,
    );
    expect(bodies.filter((body) => body !== undefined).sort()).toEqual(['a', 'avant', 'b', 'c', 'd', 'premier']);
  });

  it('fails only the member that throws an error that is not a refusal', async () => {
    const caseId = uuidv7();
    await push(pushClient().request([openCase(city.potHole.id, caseId)]));
    const before = (await testDb().db.select().from(syncCounter))[0]?.version ?? 0;
    const failing = (value: string) =>
      store.push(async (tx) => {
        await tx.nextVersion();
        if (value === 'boom') throw new Error('connection lost');
        return value;
      });
    const settled = await Promise.allSettled([
      push(pushClient().request([comment(caseId)])),
      failing('one'),
      failing('boom'),
      failing('two'),
    ]);
    expect(settled.map((result) => (result.status === 'fulfilled' ? 'ok' : (result.reason as Error).message))).toEqual([
      'ok',
      'ok',
      'connection lost',
      'ok',
    ]);
    // The group ran, failed, and its members ran again one by one.
    expect(groups.slice(1)).toEqual([1, 3, 1, 1, 1]);
    const [counter] = await testDb().db.select().from(syncCounter);
    expect(counter?.version).toBe(before + 3);
  });

  it('refuses a client that belongs to another agent without touching the rest of the group', async () => {
    const client = pushClient();
    const caseId = uuidv7();
    await push(client.request([openCase(city.potHole.id, caseId)]));
    const settled = await Promise.allSettled([
      push(pushClient().request([comment(caseId)])),
      push(client.request([comment(caseId, 'usurpé')]), city.field.id),
      push(pushClient().request([comment(caseId, 'légitime')])),
    ]);
    const refused = settled[1];
    expect(refused?.status === 'rejected' && isGuichetError(refused.reason) && refused.reason.code).toBe('ACCESS_DENIED');
    expect([settled[0]?.status, settled[2]?.status]).toEqual(['fulfilled', 'fulfilled']);
    expect((await logOf(client.clientId)).map((row) => row.mutationId)).toEqual([1]);
  });
});
