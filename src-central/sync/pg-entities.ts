import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Agent } from '../../src-shared/schemas/entities';
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

export function entityReader(db: CentralDb): EntityReader & { client(id: string): Promise<SyncClient | null> } {
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

