import { and, asc, eq, gt, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Effect } from '../../src-shared/mutations';
import type { Agent } from '../../src-shared/schemas/entities';
import type { EntityName, RowSet, SyncScope } from '../../src-shared/sync';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CentralDb } from '../db/central-db-types';
import { agentPublicColumns, agentRoles, agents, auditLog, caseEvents, cases, categories, citizens, departments, mutationLog, syncClients, syncCounter, tombstones } from '../db/schema';
import { nextVersion } from '../db/versions';
import { citizenColumns, toCase, toCaseEvent, toCategory, toCitizen, toDepartment } from './pg-rows';
import type { EntityReader, LoggedMutation, PullReader, PushTx, SyncClient, SyncStore, VersionedRows } from './store';

/** The sync store on PostgreSQL or PGlite (same drizzle code on both). */
export function createPgSyncStore(db: CentralDb): SyncStore {
  return {
    push: (fn) =>
      db.transaction(async (tx) => {
        // Pushers queue on the counter row: versions are handed out, and become visible, in commit order.
        await tx.select({ version: syncCounter.version }).from(syncCounter).where(eq(syncCounter.id, 1)).for('update');
        return fn(pushTx(tx as unknown as CentralDb));
      }),
    read: (fn) => db.transaction(async (tx) => fn(pullReader(tx as unknown as CentralDb)), { isolationLevel: 'repeatable read', accessMode: 'read only' }),
  };
}

async function agentsWithRoles(db: CentralDb, ids: string[]): Promise<Agent[]> {
  if (ids.length === 0) return [];
  const rows = await db.select(agentPublicColumns).from(agents).where(inArray(agents.id, ids));
  const roles = await db.select().from(agentRoles).where(inArray(agentRoles.agentId, ids));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    roles: roles.filter((role) => role.agentId === row.id).map(({ departmentId, role }) => ({ departmentId, role })),
  }));
}

function entityReader(db: CentralDb): EntityReader & { client(id: string): Promise<SyncClient | null> } {
  return {
    // One round trip (every push and every pull starts with it): the agent unless disabled, with its roles.
    agent: async (id) => {
      const [row] = await db
        .select({
          id: agents.id,
          name: agents.name,
          email: agents.email,
          roles: sql<Agent['roles']>`coalesce(json_agg(json_build_object('departmentId', ${agentRoles.departmentId}, 'role', ${agentRoles.role}) order by ${agentRoles.departmentId}, ${agentRoles.role}) filter (where ${agentRoles.id} is not null), '[]'::json)`,
        })
        .from(agents)
        .leftJoin(agentRoles, eq(agentRoles.agentId, agents.id))
        .where(and(eq(agents.id, id), isNull(agents.disabledAt)))
        .groupBy(agents.id);
      return row ?? null;
    },
    case: async (id) => {
      const [row] = await db.select().from(cases).where(eq(cases.id, id));
      return row === undefined ? null : toCase(row);
    },
    citizen: async (id) => {
      const [row] = await db.select().from(citizens).where(eq(citizens.id, id));
      return row === undefined ? null : toCitizen(row);
    },
    category: async (id) => {
      const [row] = await db.select().from(categories).where(eq(categories.id, id));
      return row === undefined ? null : toCategory(row);
    },
    client: async (id) => {
      const [row] = await db.select().from(syncClients).where(eq(syncClients.clientId, id));
      return row === undefined ? null : { clientId: row.clientId, agentId: row.agentId, lastMutationId: row.lastMutationId };
    },
  };
}

function pushTx(tx: CentralDb): PushTx {
  const reader = entityReader(tx);
  // Clients whose row exists in this transaction: logging their mutations needs no insert first.
  const knownClients = new Set<string>();
  return {
    ...reader,
    client: async (id) => {
      const found = await reader.client(id);
      if (found !== null) knownClients.add(id);
      return found;
    },
    saveClient: async (client) => {
      const now = new Date();
      await tx
        .insert(syncClients)
        .values({ ...client, createdAt: now, lastSeenAt: now })
        .onConflictDoUpdate({ target: syncClients.clientId, set: { lastMutationId: client.lastMutationId, lastSeenAt: now } });
    },
    loggedMutation: async (clientId, mutationId) => {
      const [row] = await tx.select().from(mutationLog).where(and(eq(mutationLog.clientId, clientId), eq(mutationLog.mutationId, mutationId)));
      if (row === undefined) return null;
      return {
        clientId,
        mutationId,
        agentId: row.agentId,
        name: row.name,
        args: row.args,
        result: { mutationId, outcome: row.outcome, error: row.error ?? null },
        version: row.rowVersion,
      } satisfies LoggedMutation;
    },
    logMutation: async (entry) => {
      // The client row must exist before its log (foreign key); saveClient at the end updates its last id.
      const now = new Date();
      if (!knownClients.has(entry.clientId)) {
        await tx.insert(syncClients).values({ clientId: entry.clientId, agentId: entry.agentId, lastMutationId: 0, createdAt: now, lastSeenAt: now }).onConflictDoNothing();
        knownClients.add(entry.clientId);
      }
      await tx.insert(mutationLog).values({
        clientId: entry.clientId,
        mutationId: entry.mutationId,
        agentId: entry.agentId,
        name: entry.name,
        // Whatever the client sent is kept, a JSON null included (drizzle would write SQL NULL for it).
        args: sql`${JSON.stringify(entry.args ?? null)}::jsonb`,
        outcome: entry.result.outcome,
        error: entry.result.error,
        rowVersion: entry.version,
        createdAt: now,
      });
    },
    nextVersion: () => nextVersion(tx),
    apply: (effects, stamp) => applyEffects(tx, effects, stamp),
  };
}

async function applyEffects(tx: CentralDb, effects: readonly Effect[], stamp: { version: number; agentId: string; at: string; action: string }) {
  const rowVersion = stamp.version;
  const touched = new Set<string>();
  for (const effect of effects) {
    const entityId = effect.op === 'insert' ? effect.row.id : effect.id;
    const changes = effect.op === 'insert' ? effect.row : effect.patch;
    await tx.insert(auditLog).values({
      at: new Date(stamp.at),
      agentId: stamp.agentId,
      action: stamp.action,
      entity: effect.entity,
      entityId,
      changes: Object.fromEntries(Object.entries(changes).map(([key, to]) => [key, { from: null, to: to ?? null }])),
    });
    if (effect.entity === 'citizen') {
      if (effect.op === 'insert') await tx.insert(citizens).values({ ...(citizenColumns(effect.row) as typeof citizens.$inferInsert), rowVersion });
      else await tx.update(citizens).set({ ...citizenColumns(effect.patch), rowVersion }).where(eq(citizens.id, effect.id));
    } else if (effect.entity === 'case') {
      if (effect.op === 'insert') {
        await tx.insert(cases).values({ ...effect.row, rowVersion });
        touched.add(effect.row.departmentId);
        continue;
      }
      const [before] = await tx.select({ departmentId: cases.departmentId }).from(cases).where(eq(cases.id, effect.id));
      await tx.update(cases).set({ ...effect.patch, rowVersion }).where(eq(cases.id, effect.id));
      if (before !== undefined) touched.add(before.departmentId);
      if (before !== undefined && effect.patch.departmentId !== undefined && effect.patch.departmentId !== before.departmentId) {
        touched.add(effect.patch.departmentId);
        await moveCase(tx, effect.id, before.departmentId, effect.patch.departmentId, rowVersion);
      }
    } else {
      // The event takes its case's department in the same statement (an unknown case fails its NOT NULL).
      const [owner] = await tx
        .insert(caseEvents)
        .values({ ...effect.row, departmentId: sql`(select ${cases.departmentId} from ${cases} where ${cases.id} = ${effect.row.caseId})`, rowVersion })
        .returning({ departmentId: caseEvents.departmentId });
      if (owner === undefined) throw new Error(`event ${effect.row.id} of unknown case ${effect.row.caseId}`);
      touched.add(owner.departmentId);
    }
  }
  return { departments: [...touched] };
}

/** A case changing department takes its timeline along; replicas of the old department get deletes. */
async function moveCase(tx: CentralDb, caseId: string, from: string, to: string, rowVersion: number): Promise<void> {
  const eventIds = (await tx.select({ id: caseEvents.id }).from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((row) => row.id);
  const deletedAt = new Date();
  const departed = [{ entity: 'case', entityId: caseId }, ...eventIds.map((id) => ({ entity: 'caseEvent', entityId: id }))];
  await tx
    .insert(tombstones)
    .values(departed.map((row) => ({ ...row, departmentId: from, rowVersion, deletedAt })))
    .onConflictDoUpdate({ target: [tombstones.entity, tombstones.entityId, tombstones.departmentId], set: { rowVersion, deletedAt } });
  await tx.update(caseEvents).set({ departmentId: to, rowVersion }).where(eq(caseEvents.caseId, caseId));
}

interface Entry {
  version: number;
  put: (rows: RowSet) => void;
}

function pullReader(db: CentralDb): PullReader {
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

