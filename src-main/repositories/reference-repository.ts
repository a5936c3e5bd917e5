import { asc, eq, sql } from 'drizzle-orm';
import type { Agent, Category, Department } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { agentRoles, agents, categories, departments } from '../db/schema';

/** Makes a value on first use: repositories may be created before the replica's migrations ran. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Departments, categories and agents: reference data, read often, written by sync (later) and seeds. */
export function createReferenceRepository(db: ReplicaDb) {
  // Read on every case detail and every request's agent: prepared once rather than built each call.
  const departmentsQuery = once(() => db.select().from(departments).orderBy(asc(departments.name)).prepare());
  const categoryQuery = once(() =>
    db
      .select()
      .from(categories)
      .where(eq(categories.id, sql.placeholder('id')))
      .prepare(),
  );
  const agentQuery = once(() =>
    db
      .select()
      .from(agents)
      .where(eq(agents.id, sql.placeholder('id')))
      .prepare(),
  );
  const rolesQuery = once(() =>
    db
      .select({ departmentId: agentRoles.departmentId, role: agentRoles.role })
      .from(agentRoles)
      .where(eq(agentRoles.agentId, sql.placeholder('id')))
      .prepare(),
  );

  return {
    departments(): Department[] {
      return departmentsQuery().all();
    },

    categories(): Category[] {
      return db.select().from(categories).orderBy(asc(categories.label)).all();
    },

    category(id: string): Category | null {
      return categoryQuery().get({ id }) ?? null;
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
          roles: roles.filter((role) => role.agentId === agent.id).map(({ departmentId, role }) => ({ departmentId, role })),
        }));
    },

    agent(id: string): Agent | null {
      const agent = agentQuery().get({ id });
      if (agent === undefined) return null;
      return { ...agent, roles: rolesQuery().all({ id }) };
    },
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
