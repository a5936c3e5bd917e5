import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Agent } from '../../src-shared/schemas/entities';
import type { EntityName } from '../../src-shared/sync';
import type { CentralDb } from '../db/central-db-types';
import { agentRoles, agents, caseEvents, cases, categories, citizens, departments, syncClients, syncCounter, tombstones } from '../db/schema';
import { agentsWithRoles } from './pg-entities';
import { toCase, toCaseEvent, toCategory, toCitizen, toDepartment } from './pg-rows';
import type { FeedBatch, FeedRow, PullFeed, PullGlance } from './store';

/** The pull window's reads on PostgreSQL or PGlite. */
export function pgPullFeed(db: CentralDb): PullFeed {
  const glanceStatement = prepareGlance(db);
  return {
    glance: (queries) => glance(glanceStatement, queries),
    since: (after) =>
      db.transaction(async (tx) => since(tx as unknown as CentralDb, after), { isolationLevel: 'repeatable read', accessMode: 'read only' }),
  };
}

/**
 * Head, horizon, each client and each agent in one statement, hence one snapshot: a client's last mutation id
 * has all its effects at or below that head (a push writes both in one transaction). Prepared: it runs for
 * every pull, and planning it would cost more than running it.
 */
function prepareGlance(db: CentralDb) {
  const roles = sql`coalesce((select json_agg(json_build_object('departmentId', r.department_id, 'role', r.role) order by r.department_id, r.role) from ${agentRoles} r where r.agent_id = a.id), '[]'::json)`;
  return db
    .select({
      head: sql<string>`c.version::text`,
      horizon: sql<string>`c.horizon::text`,
      i: sql<number>`q.i`,
      client: sql<GlanceRow['client']>`(select json_build_object('agentId', s.agent_id, 'lastMutationId', s.last_mutation_id) from ${syncClients} s where s.client_id = q.client_id)`,
      agent: sql<GlanceRow['agent']>`(select json_build_object('id', a.id, 'name', a.name, 'email', a.email, 'roles', ${roles}) from ${agents} a where a.id = q.agent_id and a.disabled_at is null)`,
    })
    .from(sql`${syncCounter} c cross join json_to_recordset(${sql.placeholder('asked')}::json) as q(i int, client_id uuid, agent_id uuid)`)
    .where(sql`c.id = 1`)
    .prepare('guichet_pull_glance');
}

async function glance(statement: ReturnType<typeof prepareGlance>, queries: readonly { clientId: string; agentId: string }[]): Promise<PullGlance[]> {
  if (queries.length === 0) return [];
  const asked = JSON.stringify(queries.map((query, i) => ({ i, client_id: query.clientId, agent_id: query.agentId })));
  const rows = await statement.execute({ asked });
  const glances: PullGlance[] = [];
  for (const row of rows) {
    const query = queries[row.i] as { clientId: string };
    const client = row.client === null ? null : { clientId: query.clientId, agentId: row.client.agentId, lastMutationId: Number(row.client.lastMutationId) };
    glances[row.i] = { head: Number(row.head), horizon: Number(row.horizon), agent: row.agent, client };
  }
  if (rows.length !== queries.length) throw new Error('sync_counter has no row: the migrations were not applied');
  return glances;
}

interface GlanceRow {
  head: string;
  horizon: string;
  i: number;
  client: { agentId: string; lastMutationId: number } | null;
  agent: Agent | null;
}

/** Every change above `after`, all departments, in the transaction's snapshot (bounded by its head). */
async function since(db: CentralDb, after: number | null): Promise<FeedBatch> {
  const above = after ?? 0;
  // Prepared statements (this probe, the hot tables' reads): one runs per new head, planning them would cost more.
  const changed = (table: PgTable & { rowVersion: AnyPgColumn }) => sql<boolean>`exists(select 1 from ${table} where ${table.rowVersion} > ${sql.placeholder('after')})`;
  const [probe] = await db
    .select({
      head: syncCounter.version,
      departments: changed(departments),
      categories: changed(categories),
      agents: changed(agents),
      citizens: changed(citizens),
      cases: changed(cases),
      caseEvents: changed(caseEvents),
      tombstones: changed(tombstones),
    })
    .from(syncCounter)
    .where(eq(syncCounter.id, 1))
    .prepare('guichet_feed_probe')
    .execute({ after: above });
  if (probe === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
  const { head } = probe;
  if (after === null) return { head, rows: [], tombstones: [] };
  const range = <T extends { rowVersion: AnyPgColumn }>(table: T) => and(gt(table.rowVersion, above), lte(table.rowVersion, head));
  const rows: FeedRow[] = [];
  if (probe.departments) {
    for (const row of await db.select().from(departments).where(range(departments)).orderBy(asc(departments.rowVersion))) {
      rows.push({ entity: 'department', row: toDepartment(row), version: row.rowVersion, departmentId: null });
    }
  }
  if (probe.categories) {
    for (const row of await db.select().from(categories).where(range(categories)).orderBy(asc(categories.rowVersion))) {
      rows.push({ entity: 'category', row: toCategory(row), version: row.rowVersion, departmentId: null });
    }
  }
  if (probe.agents) {
    const changedAgents = await db.select({ id: agents.id, rowVersion: agents.rowVersion }).from(agents).where(range(agents));
    const full = new Map((await agentsWithRoles(db, changedAgents.map((row) => row.id))).map((agent) => [agent.id, agent]));
    for (const { id, rowVersion } of changedAgents) rows.push({ entity: 'agent', row: full.get(id) as Agent, version: rowVersion, departmentId: null });
  }
  if (probe.citizens) {
    for (const row of await db.select().from(citizens).where(range(citizens))) rows.push({ entity: 'citizen', row: toCitizen(row), version: row.rowVersion, departmentId: null });
  }
  const bounds = { after: above, head };
  const rangeOf = <T extends { rowVersion: AnyPgColumn }>(table: T) => and(gt(table.rowVersion, sql.placeholder('after')), lte(table.rowVersion, sql.placeholder('head')));
  if (probe.cases) {
    for (const row of await db.select().from(cases).where(rangeOf(cases)).prepare('guichet_feed_cases').execute(bounds)) rows.push({ entity: 'case', row: toCase(row), version: row.rowVersion, departmentId: row.departmentId });
  }
  if (probe.caseEvents) {
    for (const row of await db.select().from(caseEvents).where(rangeOf(caseEvents)).prepare('guichet_feed_case_events').execute(bounds)) {
      rows.push({ entity: 'caseEvent', row: toCaseEvent(row), version: row.rowVersion, departmentId: row.departmentId });
    }
  }
  const departed = !probe.tombstones
    ? []
    : await db
        .select({ entity: tombstones.entity, id: tombstones.entityId, departmentId: tombstones.departmentId, version: tombstones.rowVersion })
        .from(tombstones)
        .where(range(tombstones));
  return {
    head,
    rows,
    // Tombstones of department-less rows never reach a pull (departures are per department), as in pg-pull.ts.
    tombstones: departed.flatMap((t) => (t.departmentId === null ? [] : [{ entity: t.entity as EntityName, id: t.id, departmentId: t.departmentId, version: t.version }])),
  };
}
