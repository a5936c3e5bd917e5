import { and, asc, eq, getTableName, gt, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { EntityName, ListName } from '../../../src-shared/sync';
import type { CentralDb } from '../../db/central-db-types';
import { agentRoles, agents, syncClients, syncCounter, tombstones } from '../../db/schema';
import { planned, type Planned } from '../../db/planned';
import { fromJson } from './pg-entities';
import { appCentralRegistry, departmentKey, type CentralRegistry, type PgEntityTable } from './pg-entity-tables';
import type { FeedBatch, FeedRow, FeedTombstone, PullFeed, PullGlance } from '../../sync/store';

/** The pull window's reads on PostgreSQL or PGlite, of the entities `registry` binds. */
export function pgPullFeed(db: CentralDb, registry: CentralRegistry = appCentralRegistry): PullFeed {
  const glanceStatement = planned<GlanceRow>(db, 'guichet_pull_glance', glanceQuery);
  const sinceStatement = planned<SinceRow>(db, `guichet_feed_since${registry.statementSuffix}`, (executor) =>
    sinceQuery(executor, registry),
  );
  return {
    glance: (queries) => glance(glanceStatement, queries),
    since: (after) => since(db, registry, sinceStatement, after),
  };
}

/**
 * Head, horizon, each client and each agent in one statement, hence one snapshot: a client's last mutation id
 * has all its effects at or below that head (a push writes both in one transaction). Planned once: it runs for
 * every pull, and planning it would cost more than running it.
 */
function glanceQuery(db: CentralDb) {
  const roles = sql`coalesce((select json_agg(json_build_object('departmentId', r.department_id, 'role', r.role) order by r.department_id, r.role) from ${agentRoles} r where r.agent_id = a.id), '[]'::json)`;
  return db
    .select({
      head: sql<string>`c.version::text`.as('head'),
      horizon: sql<string>`c.horizon::text`.as('horizon'),
      i: sql<number>`q.i`.as('i'),
      client: sql<
        GlanceRow['client']
      >`(select json_build_object('agentId', s.agent_id, 'lastMutationId', s.last_mutation_id) from ${syncClients} s where s.client_id = q.client_id)`.as(
        'client',
      ),
      agent: sql<
        GlanceRow['agent']
      >`(select json_build_object('id', a.id, 'name', a.name, 'email', a.email, 'roles', ${roles}) from ${agents} a where a.id = q.agent_id and a.disabled_at is null)`.as(
        'agent',
      ),
    })
    .from(sql`${syncCounter} c cross join json_to_recordset(${sql.placeholder('asked')}::json) as q(i int, client_id uuid, agent_id uuid)`)
    .where(sql`c.id = 1`);
}

async function glance(statement: Planned<GlanceRow>, queries: readonly { clientId: string; agentId: string }[]): Promise<PullGlance[]> {
  if (queries.length === 0) return [];
  const asked = JSON.stringify(queries.map((query, i) => ({ i, client_id: query.clientId, agent_id: query.agentId })));
  const rows = await statement.execute({ asked });
  const glances: PullGlance[] = [];
  for (const row of rows) {
    const query = queries[row.i] as { clientId: string };
    const client =
      row.client === null
        ? null
        : { clientId: query.clientId, agentId: row.client.agentId, lastMutationId: Number(row.client.lastMutationId) };
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

/**
 * Every change above `after` as of one statement's snapshot, bounded by its head: one round trip after each
 * commit instead of a transaction of five. Entities assembled from more than their table (agents) come back
 * as a flag only: when one changed (rare), the extension is read again by `sinceInTransaction`, which
 * assembles them as pulls do.
 */
function sinceQuery(db: CentralDb, registry: CentralRegistry) {
  const after = sql.placeholder('after');
  const inRange = sql`t.row_version > ${after} and t.row_version <= h.version`;
  const rowsOf = (table: PgTable) =>
    sql<Record<string, unknown>[]>`(select coalesce(json_agg(t), '[]'::json) from ${table} t where ${inRange})`;
  return db
    .select({
      head: sql<string>`h.version::text`.as('head'),
      ...(Object.fromEntries(
        registry.tables.map((bound) => [
          bound.list,
          (bound.load !== undefined ? sql`exists(select 1 from ${bound.table} t where ${inRange})` : rowsOf(bound.table)).as(bound.list),
        ]),
      ) as Record<ListName, SQL.Aliased<Record<string, unknown>[] | boolean>>),
      // Tombstones of department-less rows never reach a pull (departures are per department), as in pg-pull.ts.
      tombstones: sql<(Omit<FeedTombstone, 'version'> & { version: number | string })[]>`(select coalesce(json_agg(json_build_object(
        'entity', t.entity, 'id', t.entity_id, 'departmentId', t.department_id, 'version', t.row_version)), '[]'::json)
        from ${tombstones} t where ${inRange} and t.department_id is not null)`.as('tombstones'),
    })
    .from(sql`(select version from ${syncCounter} where id = 1) h`);
}

type SinceRow = Record<ListName, Record<string, unknown>[] | boolean> & {
  head: string;
  tombstones: (Omit<FeedTombstone, 'version'> & { version: number | string })[];
};

function feedRow(bound: PgEntityTable, entity: string, row: Record<string, unknown>): FeedRow {
  const key = departmentKey(bound);
  return {
    list: bound.list,
    entity,
    row: bound.toEntity(row),
    version: row['rowVersion'] as number,
    departmentId: key === null ? null : (row[key] as string),
  } as FeedRow;
}

async function since(db: CentralDb, registry: CentralRegistry, statement: Planned<SinceRow>, after: number | null): Promise<FeedBatch> {
  if (after === null) {
    const [counter] = await db.select({ version: syncCounter.version }).from(syncCounter).where(eq(syncCounter.id, 1));
    if (counter === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
    return { head: counter.version, rows: [], tombstones: [] };
  }
  const [found] = await statement.execute({ after });
  if (found === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
  const bound = registry.tables;
  if (bound.some((table) => table.load !== undefined && found[table.list] === true)) {
    return db.transaction(async (tx) => sinceInTransaction(tx as unknown as CentralDb, registry, after), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  }
  const rows: FeedRow[] = [];
  for (const table of bound) {
    const listed = found[table.list];
    if (!Array.isArray(listed)) continue;
    const entity = registry.sync.entityOfList(table.list).name;
    for (const json of listed) rows.push(feedRow(table, entity, fromJson(table.table, json)));
  }
  return { head: Number(found.head), rows, tombstones: found.tombstones.map((t) => ({ ...t, version: Number(t.version) })) };
}

/** The same in a repeatable-read transaction, table by table (agents with their roles as pulls read them). */
async function sinceInTransaction(db: CentralDb, registry: CentralRegistry, after: number | null): Promise<FeedBatch> {
  const above = after ?? 0;
  const bound = registry.tables;
  // Prepared statements (this probe, the big tables' reads): one runs per new head, planning them would cost more.
  const changed = (table: PgTable & { rowVersion: AnyPgColumn }) =>
    sql<boolean>`exists(select 1 from ${table} where ${table.rowVersion} > ${sql.placeholder('after')})`;
  const [probe] = await db
    .select({
      head: syncCounter.version,
      ...Object.fromEntries(bound.map((table) => [table.list, changed(table.table)])),
      tombstones: changed(tombstones),
    })
    .from(syncCounter)
    .where(eq(syncCounter.id, 1))
    .prepare(`guichet_feed_probe${registry.statementSuffix}`)
    .execute({ after: above });
  if (probe === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
  const head = probe.head;
  if (after === null) return { head, rows: [], tombstones: [] };
  const range = <T extends { rowVersion: AnyPgColumn }>(table: T) => and(gt(table.rowVersion, above), lte(table.rowVersion, head));
  const rangeOf = <T extends { rowVersion: AnyPgColumn }>(table: T) =>
    and(gt(table.rowVersion, sql.placeholder('after')), lte(table.rowVersion, sql.placeholder('head')));
  const rows: FeedRow[] = [];
  for (const table of bound) {
    if ((probe as Record<string, unknown>)[table.list] !== true) continue;
    const entity = registry.sync.entityOfList(table.list).name;
    if (table.load !== undefined) {
      const changedRows = await db
        .select({ id: table.table.id, rowVersion: table.table.rowVersion })
        .from(table.table)
        .where(range(table.table));
      const full = new Map(
        (
          await table.load(
            db,
            changedRows.map((row) => row.id as string),
          )
        ).map((row) => [row.id, row]),
      );
      for (const { id, rowVersion } of changedRows)
        rows.push({ list: table.list, entity, row: full.get(id as string), version: rowVersion as number, departmentId: null } as FeedRow);
      continue;
    }
    const found =
      table.jsonFields !== undefined
        ? await db
            .select()
            .from(table.table)
            .where(rangeOf(table.table))
            .prepare(`guichet_feed_${getTableName(table.table)}`)
            .execute({ after: above, head })
        : await db.select().from(table.table).where(range(table.table)).orderBy(asc(table.table.rowVersion));
    for (const row of found) rows.push(feedRow(table, entity, row));
  }
  const departed = !probe.tombstones
    ? []
    : await db
        .select({
          entity: tombstones.entity,
          id: tombstones.entityId,
          departmentId: tombstones.departmentId,
          version: tombstones.rowVersion,
        })
        .from(tombstones)
        .where(range(tombstones));
  return {
    head,
    rows,
    // Tombstones of department-less rows never reach a pull (departures are per department), as in pg-pull.ts.
    tombstones: departed.flatMap((t) =>
      t.departmentId === null ? [] : [{ entity: t.entity as EntityName, id: t.id, departmentId: t.departmentId, version: t.version }],
    ),
  };
}
