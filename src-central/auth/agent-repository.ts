import { asc, eq } from 'drizzle-orm';
import type { Agent } from '../../src-shared/schemas/entities';
import type { CentralDb } from '../db/central-db-types';
import { agentRoles, agents } from '../db/schema';

export interface AgentCredentials {
  id: string;
  passwordHash: string | null;
  disabledAt: Date | null;
}

export async function findCredentialsByEmail(db: CentralDb, email: string): Promise<AgentCredentials | undefined> {
  const [row] = await db
    .select({ id: agents.id, passwordHash: agents.passwordHash, disabledAt: agents.disabledAt })
    .from(agents)
    .where(eq(agents.email, email.toLowerCase()));
  return row;
}

/** The agent as the domain sees it, roles read from the database now (never from the client). */
export async function loadAgent(db: CentralDb, agentId: string): Promise<Agent | undefined> {
  const [row] = await db.select({ id: agents.id, name: agents.name, email: agents.email }).from(agents).where(eq(agents.id, agentId));
  if (row === undefined) return undefined;
  const roles = await db
    .select({ departmentId: agentRoles.departmentId, role: agentRoles.role })
    .from(agentRoles)
    .where(eq(agentRoles.agentId, agentId))
    .orderBy(asc(agentRoles.departmentId), asc(agentRoles.role));
  return { ...row, roles };
}
