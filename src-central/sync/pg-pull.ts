import { and, asc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Agent } from '../../src-shared/schemas/entities';
import type { EntityName, RowSet, SyncScope } from '../../src-shared/sync';
import type { CentralDb } from '../db/central-db-types';
import { agents, caseEvents, cases, categories, citizens, departments, syncCounter, tombstones } from '../db/schema';
import { agentsWithRoles, entityReader } from './pg-entities';
import { toCase, toCaseEvent, toCategory, toCitizen, toDepartment } from './pg-rows';
import type { PullReader, VersionedRows } from './store';

interface Entry {
  version: number;
  put: (rows: RowSet) => void;
}

/** A pull's reads, on one repeatable-read snapshot. */
export function pullReader(db: CentralDb): PullReader {
  // The reader runs in one repeatable-read snapshot: the counter row read once serves head and horizon.
  let counter: Promise<{ version: number; horizon: number }> | null = null;
  const counterRow = () =>
    (counter ??= db
      .select({ version: syncCounter.version, horizon: syncCounter.horizon })
      .from(syncCounter)
      .where(eq(syncCounter.id, 1))
      .then(([row]) => ({ version: row?.version ?? 0, horizon: row?.horizon ?? 0 })));
  // Whether tombstones exist in a range, as the changes probe found them (same snapshot).
  const tombstonesIn = new Map<string, boolean>();
  return {
    ...entityReader(db),
    head: async () => (await counterRow()).version,
    horizon: async () => (await counterRow()).horizon,
    changes: (query) => changes(db, query, tombstonesIn),
    departures: async ({ scope, after, upTo }) => {
      if (scope.departments.length === 0) return [];
      if (tombstonesIn.get(rangeKey(after, upTo, scope.departments)) === false) return [];
      const rows = await db
        .select({ entity: tombstones.entity, id: tombstones.entityId })
        .from(tombstones)
        .where(and(gt(tombstones.rowVersion, after), lte(tombstones.rowVersion, upTo), inArray(tombstones.departmentId, scope.departments)));
      return rows.map((row) => ({ entity: row.entity as EntityName, id: row.id }));
    },
  };
}

function rangeKey(after: number, upTo: number, departmentIds: readonly string[]): string {
  return `${after}:${upTo}:${departmentIds.join(',')}`;
}

type Presence = Record<'departments' | 'categories' | 'agents' | 'citizens' | 'cases' | 'caseEvents' | 'tombstones', boolean>;

/**
 * Which tables hold rows of the query in `after < version <= upTo`, in one round trip: a pull that
 * catches up on a few changes then reads only the tables that changed instead of all six.
 */
async function presence(db: CentralDb, query: { scope: SyncScope; reference: boolean; after: number; upTo: number }): Promise<Presence> {
  const range = <T extends { rowVersion: AnyPgColumn }>(t: T) => and(gt(t.rowVersion, query.after), lte(t.rowVersion, query.upTo));
  const exists = (subquery: SQL | { getSQL(): SQL }) => sql<boolean>`exists(${subquery})`;
  const no = sql<boolean>`false`;
  const one = { one: sql`1` };
  const departmentIds = query.scope.departments;
  const inScope = departmentIds.length > 0;
  const [row] = await db
    .select({
      departments: query.reference ? exists(db.select(one).from(departments).where(range(departments))) : no,
      categories: query.reference ? exists(db.select(one).from(categories).where(range(categories))) : no,
      agents: query.reference ? exists(db.select(one).from(agents).where(range(agents))) : no,
      citizens: query.scope.citizens ? exists(db.select(one).from(citizens).where(range(citizens))) : no,
      cases: inScope ? exists(db.select(one).from(cases).where(and(range(cases), inArray(cases.departmentId, departmentIds)))) : no,
      caseEvents: inScope ? exists(db.select(one).from(caseEvents).where(and(range(caseEvents), inArray(caseEvents.departmentId, departmentIds)))) : no,
      tombstones: inScope ? exists(db.select(one).from(tombstones).where(and(range(tombstones), inArray(tombstones.departmentId, departmentIds)))) : no,
    })
    .from(syncCounter)
    .where(eq(syncCounter.id, 1));
  if (row === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
  return row;
}

async function changes(
  db: CentralDb,
  query: { scope: SyncScope; reference: boolean; after: number; upTo: number; limit: number },
  tombstonesIn: Map<string, boolean>,
): Promise<VersionedRows> {
  const collect = async (bound: { upTo: number; limit: number | null }): Promise<{ entries: Entry[]; truncated: boolean }> => {
    const has = await presence(db, { ...query, upTo: bound.upTo });
    if (query.scope.departments.length > 0) tombstonesIn.set(rangeKey(query.after, bound.upTo, query.scope.departments), has.tombstones);
    const entries: Entry[] = [];
    let truncated = false;
    const fetch = async <R extends { rowVersion: number }>(rows: Promise<R[]>, put: (set: RowSet, row: R) => void) => {
      const found = await rows;
      if (bound.limit !== null && found.length > bound.limit) truncated = true;
      for (const row of found) entries.push({ version: row.rowVersion, put: (set) => put(set, row) });
    };
    const range = <T extends { rowVersion: AnyPgColumn }>(t: T) => and(gt(t.rowVersion, query.after), lte(t.rowVersion, bound.upTo));
    // Without a limit (a whole oversized version), any bound the database accepts.
    const take = bound.limit === null ? Number.MAX_SAFE_INTEGER : bound.limit + 1;
    const departmentsIn = query.scope.departments;
    if (query.reference) {
      if (has.departments) await fetch(db.select().from(departments).where(range(departments)).orderBy(asc(departments.rowVersion)).limit(take), (set, row) => set.departments.push(toDepartment(row)));
      if (has.categories) await fetch(db.select().from(categories).where(range(categories)).orderBy(asc(categories.rowVersion)).limit(take), (set, row) => set.categories.push(toCategory(row)));
      if (has.agents) {
        const changedAgents = await db.select({ id: agents.id, rowVersion: agents.rowVersion }).from(agents).where(range(agents)).orderBy(asc(agents.rowVersion)).limit(take);
        const full = new Map((await agentsWithRoles(db, changedAgents.map((row) => row.id))).map((agent) => [agent.id, agent]));
        await fetch(Promise.resolve(changedAgents), (set, row) => set.agents.push(full.get(row.id) as Agent));
      }
    }
    if (query.scope.citizens && has.citizens) {
      await fetch(db.select().from(citizens).where(range(citizens)).orderBy(asc(citizens.rowVersion)).limit(take), (set, row) => set.citizens.push(toCitizen(row)));
    }
    if (departmentsIn.length > 0) {
      if (has.cases) await fetch(db.select().from(cases).where(and(range(cases), inArray(cases.departmentId, departmentsIn))).orderBy(asc(cases.rowVersion)).limit(take), (set, row) => set.cases.push(toCase(row)));
      if (has.caseEvents) await fetch(db.select().from(caseEvents).where(and(range(caseEvents), inArray(caseEvents.departmentId, departmentsIn))).orderBy(asc(caseEvents.rowVersion)).limit(take), (set, row) => set.caseEvents.push(toCaseEvent(row)));
    }
    entries.sort((a, b) => a.version - b.version);
    return { entries, truncated };
  };

  const first = await collect({ upTo: query.upTo, limit: query.limit });
  let { entries } = first;
  let end = Math.min(entries.length, query.limit);
  let more = first.truncated || end < entries.length;
  if (more && end > 0) {
    // Never split a version: end the page before the boundary version, or take that whole version.
    const boundary = (entries[end] ?? entries[end - 1] as Entry).version;
    while (end > 0 && (entries[end - 1] as Entry).version >= boundary) end--;
    if (end === 0) {
      entries = (await collect({ upTo: boundary, limit: null })).entries;
      end = entries.length;
    }
    more = true;
  }
  const rows: RowSet = { departments: [], categories: [], agents: [], citizens: [], cases: [], caseEvents: [] };
  for (const entry of entries.slice(0, end)) entry.put(rows);
  return { rows, maxVersion: end > 0 ? (entries[end - 1] as Entry).version : query.after, more };
}

