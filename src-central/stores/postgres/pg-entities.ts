import { and, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Agent, Case, Category, Citizen } from '../../../src-shared/schemas/entities';
import type { CentralDb } from '../../db/central-db-types';
import { planned } from '../../db/planned';
import { agentPublicColumns, agentRoles, agents, categories, cases, citizens, syncClients } from '../../db/schema';
import { toCase, toCategory, toCitizen } from './pg-rows';
import type { EntityReader, SyncClient } from '../../sync/store';
import type { PgEntityTable } from './pg-entity-tables';

export async function agentsWithRoles(db: CentralDb, ids: string[]): Promise<Agent[]> {
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

/** Rows by id, several at a time (a push group loads what its members name in one query per entity). */
export interface EntityLoaders {
  agents(ids: readonly string[]): Promise<Agent[]>;
  cases(ids: readonly string[]): Promise<Case[]>;
  citizens(ids: readonly string[]): Promise<Citizen[]>;
  categories(ids: readonly string[]): Promise<Category[]>;
  clients(ids: readonly string[]): Promise<SyncClient[]>;
}

/** Agents unless disabled, with their roles (one query); `which`: those of a list of ids. */
function agentsQuery(db: CentralDb, which: SQL) {
  return db
    .select({
      id: agents.id,
      name: agents.name,
      email: agents.email,
      roles: sql<
        Agent['roles']
      >`coalesce(json_agg(json_build_object('departmentId', ${agentRoles.departmentId}, 'role', ${agentRoles.role}) order by ${agentRoles.departmentId}, ${agentRoles.role}) filter (where ${agentRoles.id} is not null), '[]'::json)`.as(
        'roles',
      ),
    })
    .from(agents)
    .leftJoin(agentRoles, eq(agentRoles.agentId, agents.id))
    .where(and(which, isNull(agents.disabledAt)))
    .groupBy(agents.id);
}

const toClient = (row: { clientId: string; agentId: string; lastMutationId: number }): SyncClient => ({
  clientId: row.clientId,
  agentId: row.agentId,
  lastMutationId: row.lastMutationId,
});

export function entityLoaders(db: CentralDb): EntityLoaders {
  const byIds =
    <T>(load: (ids: string[]) => Promise<T[]>) =>
    async (ids: readonly string[]) =>
      ids.length === 0 ? [] : load([...ids]);
  return {
    agents: byIds(async (ids) => agentsQuery(db, inArray(agents.id, ids))),
    cases: byIds(async (ids) => (await db.select().from(cases).where(inArray(cases.id, ids))).map(toCase)),
    citizens: byIds(async (ids) => (await db.select().from(citizens).where(inArray(citizens.id, ids))).map(toCitizen)),
    categories: byIds(async (ids) => (await db.select().from(categories).where(inArray(categories.id, ids))).map(toCategory)),
    clients: byIds(async (ids) => (await db.select().from(syncClients).where(inArray(syncClients.clientId, ids))).map(toClient)),
  };
}

/** A whole row as `json_agg` gives it (column names as keys) back as drizzle's row (a jsonb column comes as its value). */
export function fromJson<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

type PreloadIds = { [E in keyof EntityLoaders]: readonly string[] };
type Preloaded = { [E in keyof EntityLoaders]: Awaited<ReturnType<EntityLoaders[E]>> };

/**
 * Every row a push group names, in one round trip (each entity as a JSON array), by one statement whatever
 * the ids: planned once (see `planned`). `load`'s executor is the push group's transaction.
 */
export function preloadStatement(db: CentralDb): { load(ids: PreloadIds, executor?: CentralDb): Promise<Preloaded> } {
  const named = (key: keyof EntityLoaders) => sql`${sql.placeholder(key)}::uuid[]`;
  const rowsOf = (table: PgTable, id: AnyPgColumn, key: keyof EntityLoaders) =>
    sql`(select coalesce(json_agg(${table}), '[]'::json) from ${table} where ${id} = any(${named(key)}))`;
  const statement = planned<Record<keyof EntityLoaders, Record<string, unknown>[]>>(db, 'guichet_push_preload', (executor) =>
    executor
      .select({
        agents: sql<
          Record<string, unknown>[]
        >`(select coalesce(json_agg(a), '[]'::json) from (${agentsQuery(executor, sql`${agents.id} = any(${named('agents')})`).getSQL()}) a)`.as(
          'agents',
        ),
        cases: sql<Record<string, unknown>[]>`${rowsOf(cases, cases.id, 'cases')}`.as('cases'),
        citizens: sql<Record<string, unknown>[]>`${rowsOf(citizens, citizens.id, 'citizens')}`.as('citizens'),
        categories: sql<Record<string, unknown>[]>`${rowsOf(categories, categories.id, 'categories')}`.as('categories'),
        clients: sql<Record<string, unknown>[]>`${rowsOf(syncClients, syncClients.clientId, 'clients')}`.as('clients'),
      })
      .from(sql`(select 1) one`),
  );
  return {
    async load(ids, executor = db) {
      const [json] = await statement.execute(
        { agents: ids.agents, cases: ids.cases, citizens: ids.citizens, categories: ids.categories, clients: ids.clients },
        executor,
      );
      if (json === undefined) throw new Error('the preload query returned no row');
      return {
        agents: json.agents as unknown as Agent[],
        cases: json.cases.map((row) => toCase(fromJson(cases, row))),
        citizens: json.citizens.map((row) => toCitizen(fromJson(citizens, row))),
        categories: json.categories.map((row) => toCategory(fromJson(categories, row))),
        clients: json.clients.map((row) => toClient(fromJson(syncClients, row))),
      };
    },
  };
}

/**
 * Rows of several tables by id in one statement (each table's as a JSON array), as their entities: a push
 * group's reads of entities stored as plain rows (a public answer's survey, its own id, its kiosk) cost one
 * round trip whatever their number of tables. Entities assembled from more than their table (`load`) are
 * not for it.
 */
export async function rowsByIds(
  db: CentralDb,
  wanted: ReadonlyMap<PgEntityTable, readonly string[]>,
): Promise<Map<PgEntityTable, unknown[]>> {
  const tables = [...wanted].filter(([, ids]) => ids.length > 0);
  const found = new Map<PgEntityTable, unknown[]>();
  if (tables.length === 0) return found;
  const lists = tables.map(
    ([bound, ids], index) =>
      sql`(select coalesce(json_agg(${bound.table}), '[]'::json) from ${bound.table} where ${inArray(bound.table.id, [...ids])}) as ${sql.identifier(`t${index}`)}`,
  );
  const result = await db.execute(sql`select ${sql.join(lists, sql`, `)}`);
  const [row] = (result as unknown as { rows: Record<string, Record<string, unknown>[]>[] }).rows;
  tables.forEach(([bound], index) =>
    found.set(
      bound,
      (row?.[`t${index}`] ?? []).map((json) => bound.toEntity(fromJson(bound.table, json))),
    ),
  );
  return found;
}

export function entityReader(db: CentralDb): EntityReader & { client(id: string): Promise<SyncClient | null> } {
  const loaders = entityLoaders(db);
  const one =
    <T>(load: (ids: readonly string[]) => Promise<T[]>) =>
    async (id: string): Promise<T | null> =>
      (await load([id]))[0] ?? null;
  return {
    // Every push and every pull starts with it.
    agent: one(loaders.agents),
    case: one(loaders.cases),
    citizen: one(loaders.citizens),
    category: one(loaders.categories),
    client: one(loaders.clients),
  };
}
