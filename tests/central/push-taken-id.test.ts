import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPLICA_FORMAT, type PushRequest } from '../../src-shared/sync';
import { caseEvents, mutationLog } from '../../src-central/db/schema';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { applyPush } from '../../src-central/sync/push';
import type { SyncStore } from '../../src-central/sync/store';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';

const now = () => new Date('2026-03-02T09:00:00.000Z');

// A client that reuses an id (a bug, a restored backup, two offline agents drawing the same tracking code)
// must not get a 5xx on every retry, which would block its queue: that mutation is refused, the rest go on.
describe.each(dbKinds)('a pushed mutation reusing an id that exists on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let store: SyncStore;

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    store = createPgSyncStore(testDb().db);
  });

  const request = (clientId: string, first: number, list: { name: string; args: unknown }[]): PushRequest => ({
    clientId,
    replicaFormat: REPLICA_FORMAT,
    mutations: list.map(({ name, args }, index) => ({ mutationId: first + index, name, createdAt: now().toISOString(), args })),
  });
  const openCase = (id: string, trackingCode: string) => ({
    name: 'case.open',
    args: { id, trackingCode, eventId: uuidv7(), categoryId: city.potHole.id, channel: 'phone', subject: 'Nid-de-poule rue des Lilas' },
  });
  const comment = (caseId: string, eventId: string) => ({
    name: 'case.comment',
    args: { caseId, visibility: 'internal', body: 'Toujours là', eventId },
  });

  it('is refused with ID_TAKEN and still advances the client; the mutations around it apply', async () => {
    const caseId = uuidv7();
    const eventId = uuidv7();
    const other = uuidv7();
    await applyPush(store, city.counter.id, request(other, 1, [openCase(caseId, caseId.slice(-12)), comment(caseId, eventId)]), now);

    const clientId = uuidv7();
    const sameCode = openCase(uuidv7(), caseId.slice(-12));
    const mutations = [comment(caseId, uuidv7()), comment(caseId, eventId), sameCode, comment(caseId, uuidv7())];
    const outcome = await applyPush(store, city.counter.id, request(clientId, 1, mutations), now);

    expect(outcome.response.results.map((result) => [result.outcome, result.error?.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'ID_TAKEN'],
      ['rejected', 'ID_TAKEN'],
      ['applied', null],
    ]);
    expect(outcome.response.lastMutationId).toBe(4);
    const log = await testDb().db.select().from(mutationLog).where(eq(mutationLog.clientId, clientId)).orderBy(asc(mutationLog.mutationId));
    expect(log.map((row) => row.outcome)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    // The original event is untouched; the two new comments are there.
    const events = await testDb().db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(events.filter((event) => event.type === 'internal_note')).toHaveLength(3);
    // A resend is answered from the log.
    const again = await applyPush(store, city.counter.id, request(clientId, 1, mutations), now);
    expect(again.response.results.map((result) => result.outcome)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
  });
});
