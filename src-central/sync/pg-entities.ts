import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Agent, Case, Category, Citizen } from '../../src-shared/schemas/entities';
import type { CentralDb } from '../db/central-db-types';
import { agentPublicColumns, agentRoles, agents, categories, cases, citizens, syncClients } from '../db/schema';
import { toCase, toCategory, toCitizen } from './pg-rows';
import type { EntityReader, SyncClient } from './store';

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

export function entityLoaders(db: CentralDb): EntityLoaders {
  const byIds = <T>(load: (ids: string[]) => Promise<T[]>) => async (ids: readonly string[]) => (ids.length === 0 ? [] : load([...ids]));
  return {
    // One round trip: agents unless disabled, with their roles.
    agents: byIds(async (ids) =>
      db
        .select({
          id: agents.id,
          name: agents.name,
          email: agents.email,
          roles: sql<Agent['roles']>`coalesce(json_agg(json_build_object('departmentId', ${agentRoles.departmentId}, 'role', ${agentRoles.role}) order by ${agentRoles.departmentId}, ${agentRoles.role}) filter (where ${agentRoles.id} is not null), '[]'::json)`,
        })
        .from(agents)
        .leftJoin(agentRoles, eq(agentRoles.agentId, agents.id))
        .where(and(inArray(agents.id, ids), isNull(agents.disabledAt)))
        .groupBy(agents.id),
    ),
    cases: byIds(async (ids) => (await db.select().from(cases).where(inArray(cases.id, ids))).map(toCase)),
    citizens: byIds(async (ids) => (await db.select().from(citizens).where(inArray(citizens.id, ids))).map(toCitizen)),
    categories: byIds(async (ids) => (await db.select().from(categories).where(inArray(categories.id, ids))).map(toCategory)),
    clients: byIds(async (ids) =>
      (await db.select().from(syncClients).where(inArray(syncClients.clientId, ids))).map((row) => ({ clientId: row.clientId, agentId: row.agentId, lastMutationId: row.lastMutationId })),
    ),
  };
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
