import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { fail, parseOrFail } from '../../src-shared/errors';
import { roleSchema, type Role } from '../../src-shared/schemas/common';
import { revokeSessionsOfAgent } from '../auth/session-repository';
import { hashPassword, passwordRules } from '../auth/passwords';
import type { Clock } from '../../src-shared/domain/clock';
import type { CentralDb } from '../db/central-db-types';
import { agentRoles, agents, auditLog, departments, type AuditChanges } from '../db/schema';
import { nextVersion } from '../db/versions';

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
const passwordSchema = z.string().min(passwordRules.minLength).max(passwordRules.maxLength);
const rolesSchema = z.array(z.object({ departmentCode: z.string().min(1), role: roleSchema }));

export const createAgentInputSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  password: passwordSchema,
  roles: rolesSchema,
});
export type CreateAgentInput = z.input<typeof createAgentInputSchema>;

/** A committed change to replicated rows: what the bus should announce. */
export interface AdminChange {
  agentId: string;
  version: number;
}

async function audit(tx: CentralDb, clock: Clock, action: string, agentId: string, changes: AuditChanges) {
  // agent_id null: the admin command acts as the service, not as a signed-in agent.
  await tx.insert(auditLog).values({ at: clock.now(), agentId: null, action, entity: 'agent', entityId: agentId, changes });
}

export async function createAgent(db: CentralDb, clock: Clock, raw: CreateAgentInput): Promise<AdminChange> {
  const input = parseOrFail(createAgentInputSchema, raw);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: agents.id }).from(agents).where(eq(agents.email, input.email));
    if (taken !== undefined) throw fail('AGENT_EMAIL_TAKEN', { email: input.email });
    const grants = await resolveGrants(tx, input.roles);
    const version = await nextVersion(tx);
    const agentId = uuidv7();
    await tx.insert(agents).values({ id: agentId, name: input.name, email: input.email, passwordHash, rowVersion: version });
    await insertGrants(tx, agentId, grants, version);
    await audit(tx, clock, 'agent.create', agentId, {
      email: { from: null, to: input.email },
      name: { from: null, to: input.name },
      roles: { from: null, to: grants.map(grantText) },
    });
    return { agentId, version };
  });
}

interface Grant {
  departmentCode: string;
  departmentId: string;
  role: Role;
}

const grantText = (grant: { departmentCode: string; role: Role }) => `${grant.departmentCode}:${grant.role}`;

/** Roles named by department code, each once, with their department's id; DEPARTMENT_NOT_FOUND for an unknown code. */
async function resolveGrants(tx: CentralDb, roles: z.output<typeof rolesSchema>): Promise<Grant[]> {
  const codes = [...new Set(roles.map((role) => role.departmentCode))];
  const found =
    codes.length === 0
      ? []
      : await tx.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.code, codes));
  const idOf = new Map(found.map((row) => [row.code, row.id]));
  const missing = codes.find((code) => !idOf.has(code));
  if (missing !== undefined) throw fail('DEPARTMENT_NOT_FOUND', { code: missing });
  const unique = new Map(roles.map((role) => [grantText(role), role]));
  return [...unique.values()].map((role) => ({ ...role, departmentId: idOf.get(role.departmentCode) as string }));
}

async function insertGrants(tx: CentralDb, agentId: string, grants: readonly Grant[], rowVersion: number): Promise<void> {
  if (grants.length === 0) return;
  await tx
    .insert(agentRoles)
    .values(grants.map((grant) => ({ id: uuidv7(), agentId, departmentId: grant.departmentId, role: grant.role, rowVersion })));
}

async function agentIdByEmail(tx: CentralDb, rawEmail: string): Promise<string> {
  const email = parseOrFail(emailSchema, rawEmail);
  const [row] = await tx.select({ id: agents.id }).from(agents).where(eq(agents.email, email));
  if (row === undefined) throw fail('AGENT_NOT_FOUND', { agentId: email });
  return row.id;
}

/** New password; the agent's sessions are revoked (a reset usually means the old one leaked). */
export async function setAgentPassword(
  db: CentralDb,
  clock: Clock,
  input: { email: string; password: string },
): Promise<{ agentId: string; revokedSessions: number }> {
  const passwordHash = await hashPassword(parseOrFail(passwordSchema, input.password));
  return db.transaction(async (tx) => {
    const agentId = await agentIdByEmail(tx, input.email);
    // The hash never replicates, so no new row version.
    await tx.update(agents).set({ passwordHash }).where(eq(agents.id, agentId));
    const revokedSessions = await revokeSessionsOfAgent(tx, agentId, clock.now());
    await audit(tx, clock, 'agent.set_password', agentId, { password: { from: '[redacted]', to: '[redacted]' } });
    return { agentId, revokedSessions };
  });
}

/** The agent keeps their history and name in timelines, but can no longer sign in or use a session. */
export async function disableAgent(
  db: CentralDb,
  clock: Clock,
  input: { email: string },
): Promise<AdminChange & { revokedSessions: number }> {
  return db.transaction(async (tx) => {
    const agentId = await agentIdByEmail(tx, input.email);
    const version = await nextVersion(tx);
    const now = clock.now();
    await tx.update(agents).set({ disabledAt: now, rowVersion: version }).where(eq(agents.id, agentId));
    const revokedSessions = await revokeSessionsOfAgent(tx, agentId, now);
    await audit(tx, clock, 'agent.disable', agentId, { disabledAt: { from: null, to: now.toISOString() } });
    return { agentId, version, revokedSessions };
  });
}

/**
 * Replaces an agent's roles (an agent moving to other departments). The agent's row takes a new version, so
 * their replicas learn their new scope at the next pull: rows of departments left are dropped there, those
 * of departments joined arrive by a partial bootstrap. Sessions stay: pushes and pulls read the roles anew.
 */
export async function setAgentRoles(
  db: CentralDb,
  clock: Clock,
  input: { email: string; roles: z.input<typeof rolesSchema> },
): Promise<AdminChange & { roles: string[] }> {
  const roles = parseOrFail(rolesSchema, input.roles);
  return db.transaction(async (tx) => {
    const agentId = await agentIdByEmail(tx, input.email);
    const grants = await resolveGrants(tx, roles);
    const before = await tx
      .select({ code: departments.code, role: agentRoles.role })
      .from(agentRoles)
      .innerJoin(departments, eq(departments.id, agentRoles.departmentId))
      .where(eq(agentRoles.agentId, agentId));
    const version = await nextVersion(tx);
    await tx.delete(agentRoles).where(eq(agentRoles.agentId, agentId));
    await insertGrants(tx, agentId, grants, version);
    // Roles travel with their agent: the agent's row carries the change to the replicas.
    await tx.update(agents).set({ rowVersion: version }).where(eq(agents.id, agentId));
    const to = grants.map(grantText).sort();
    await audit(tx, clock, 'agent.set_roles', agentId, {
      roles: { from: before.map((row) => grantText({ departmentCode: row.code, role: row.role })).sort(), to },
    });
    return { agentId, version, roles: to };
  });
}
