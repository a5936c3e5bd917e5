import { asc, eq } from 'drizzle-orm';
import type { Agent, Category, Department } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { agentRoles, agents, categories, departments } from '../db/schema';

/** Departments, categories and agents: reference data, read often, written by sync (later) and seeds. */
export function createReferenceRepository(db: ReplicaDb) {
  return {
    departments(): Department[] {
      return db.select().from(departments).orderBy(asc(departments.name)).all();
    },

    categories(): Category[] {
      return db.select().from(categories).orderBy(asc(categories.label)).all();
    },

    category(id: string): Category | null {
      return db.select().from(categories).where(eq(categories.id, id)).get() ?? null;
    },

    agents(): Agent[] {
      const roles = db.select().from(agentRoles).all();
      return db
        .select()
        .from(agents)
        .orderBy(asc(agents.name))
        .all()
        .map((agent) => ({
          ...agent,
          roles: roles
            .filter((role) => role.agentId === agent.id)
            .map(({ departmentId, role }) => ({ departmentId, role })),
        }));
    },

    agent(id: string): Agent | null {
      const agent = db.select().from(agents).where(eq(agents.id, id)).get();
      if (agent === undefined) return null;
      const roles = db
        .select({ departmentId: agentRoles.departmentId, role: agentRoles.role })
        .from(agentRoles)
        .where(eq(agentRoles.agentId, id))
        .all();
      return { ...agent, roles };
    },
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
