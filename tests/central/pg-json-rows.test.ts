import { asc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { REPLICA_FORMAT, type PullRequest, type PullResponse, type RowSet } from '../../src-shared/sync';
import { agents, caseEvents, cases, citizens } from '../../src-central/db/schema';
import { loadDemoCity } from '../../src-central/demo';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { toCase, toCaseEvent, toCitizen } from '../../src-central/stores/postgres/pg-rows';
import { pullAnswer } from '../../src-central/sync/pull';
import { materializePull, pullAnswerJson, type ServedPull } from '../../src-central/sync/served-rows';
import type { SyncStore } from '../../src-central/sync/store';
import { dbKinds, useCentralTestDb } from './support/central-test-db';

const now = new Date('2026-03-02T09:00:00.000Z');

type Big = Pick<RowSet, 'citizens' | 'cases' | 'caseEvents'>;

/** Every page of a first sync as the HTTP route sends it, each checked to be the objects `servePull` gives. */
async function firstSyncOverHttp(
  store: SyncStore,
  agentId: string,
  pageSize: number,
): Promise<{ rows: Big; pages: number; departments: string[] }> {
  const rows: Big = { citizens: [], cases: [], caseEvents: [] };
  let state: { cursor: number | null; scope: PullRequest['scope']; bootstrap: Exclude<PullRequest['bootstrap'], undefined> } = {
    cursor: null,
    scope: null,
    bootstrap: null,
  };
  const clientId = uuidv7();
  for (let pages = 1; ; pages++) {
    const served: ServedPull = await pullAnswer(store, agentId, { clientId, replicaFormat: REPLICA_FORMAT, ...state, pageSize });
    const body = JSON.parse(pullAnswerJson(served)) as PullResponse;
    expect(body).toEqual(materializePull(served));
    if (body.kind !== 'patch') throw new Error(`unexpected ${body.kind}`);
    for (const list of ['citizens', 'cases', 'caseEvents'] as const) (rows[list] as unknown[]).push(...body.upserts[list]);
    if (!body.more) return { rows, pages, departments: body.scope.departments };
    state = { cursor: body.cursor, scope: body.scope, bootstrap: body.bootstrap };
  }
}

const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

// The database writes the JSON of the big lists itself (pg-json-rows.ts): it must be what the row mappers give.
describe.each(dbKinds)('pull pages serialized by %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  it('gives the same entities as the row mappers, over pages of several sizes', async () => {
    const { db } = testDb();
    await loadDemoCity(db, { citizens: 120, cases: 150, notesPerCase: 1, seed: 11, now });
    // Rows the generator does not make: a half address (no address object), text JSON must escape,
    // a coordinate with every digit, and event data with nesting and non-ASCII.
    const [citizen] = await db.select().from(citizens).orderBy(asc(citizens.id)).limit(2);
    const [aCase] = await db.select().from(cases).orderBy(asc(cases.id)).limit(1);
    const [event] = await db.select().from(caseEvents).orderBy(asc(caseEvents.id)).limit(1);
    if (citizen === undefined || aCase === undefined || event === undefined) throw new Error('the demo city is empty');
    await db
      .update(citizens)
      .set({
        addressLine1: '3 rue "des" Lilas\\\n',
        postalCode: null,
        city: 'Rivebelle',
        latitude: 48.85661345678901,
        lastName: 'Ñúñez 🏛️\u2028',
      })
      .where(eq(citizens.id, citizen.id));
    await db
      .update(cases)
      .set({ description: 'Tab\there, quote " and backslash \\ and emoji 🚧', latitude: -0.000001234, address: null })
      .where(eq(cases.id, aCase.id));
    await db
      .update(caseEvents)
      .set({ data: { from: 'new', to: 'in_progress', nested: { list: [1, 2.5, null, 'é'], empty: {} } } })
      .where(eq(caseEvents.id, event.id));
    const [counter] = await db.select({ id: agents.id }).from(agents).where(eq(agents.email, 'camille.accueil@rivebelle.example'));
    const agentId = counter?.id ?? '';
    const store = createPgSyncStore(db);
    for (const pageSize of [7, 250, 5_000]) {
      const { rows, pages, departments } = await firstSyncOverHttp(store, agentId, pageSize);
      const expected: Big = {
        citizens: (await db.select().from(citizens)).map(toCitizen),
        cases: (await db.select().from(cases).where(inArray(cases.departmentId, departments))).map(toCase),
        caseEvents: (await db.select().from(caseEvents).where(inArray(caseEvents.departmentId, departments))).map(toCaseEvent),
      };
      expect(expected.citizens.some((citizen) => citizen.address === null)).toBe(true);
      expect(expected.citizens.some((citizen) => citizen.address !== null && citizen.address.line2 === null)).toBe(true);
      expect(expected.cases.length).toBeGreaterThan(100);
      expect(pages, `page size ${pageSize}`).toBeGreaterThan(pageSize === 5_000 ? 0 : 1);
      expect(byId(rows.citizens)).toEqual(byId(expected.citizens));
      expect(byId(rows.cases)).toEqual(byId(expected.cases));
      expect(byId(rows.caseEvents)).toEqual(byId(expected.caseEvents));
    }
  });
});
