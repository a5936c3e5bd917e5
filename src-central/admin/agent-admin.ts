import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { fail, parseOrFail } from '../../src-shared/errors';
import { roleSchema } from '../../src-shared/schemas/common';
import { revokeSessionsOfAgent } from '../auth/session-repository';
import { hashPassword, passwordRules } from '../auth/passwords';
import type { Clock } from '../clock';
import type { CentralDb } from '../db/central-db-types';
import { agentRoles, agents, auditLog, departments, type AuditChanges } from '../db/schema';
import { nextVersion } from '../db/versions';

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
const passwordSchema = z.string().min(passwordRules.minLength).max(passwordRules.maxLength);

export const createAgentInputSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  password: passwordSchema,
  roles: z.array(z.object({ departmentCode: z.string().min(1), role: roleSchema })),
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
    const codes = [...new Set(input.roles.map((role) => role.departmentCode))];
    const found = codes.length === 0 ? [] : await tx.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.code, codes));
    const idOf = new Map(found.map((row) => [row.code, row.id]));
    const missing = codes.find((code) => !idOf.has(code));
    if (missing !== undefined) throw fail('DEPARTMENT_NOT_FOUND', { code: missing });
    const version = await nextVersion(tx);
    const agentId = uuidv7();
    await tx.insert(agents).values({ id: agentId, name: input.name, email: input.email, passwordHash, rowVersion: version });
    const grants = [...new Map(input.roles.map((role) => [`${role.departmentCode}:${role.role}`, role])).values()];
    if (grants.length > 0) {
      await tx.insert(agentRoles).values(
        grants.map((grant) => ({ id: uuidv7(), agentId, departmentId: idOf.get(grant.departmentCode) as string, role: grant.role, rowVersion: version })),
      );
    }
    await audit(tx, clock, 'agent.create', agentId, {
      email: { from: null, to: input.email },
      name: { from: null, to: input.name },
      roles: { from: null, to: grants.map((grant) => `${grant.departmentCode}:${grant.role}`) },
    });
    return { agentId, version };
  });
}

async function agentIdByEmail(tx: CentralDb, rawEmail: string): Promise<string> {
  const email = parseOrFail(emailSchema, rawEmail);
  const [row] = await tx.select({ id: agents.id }).from(agents).where(eq(agents.email, email));
  if (row === undefined) throw fail('AGENT_NOT_FOUND', { agentId: email });
  return row.id;
}

/** New password; the agent's sessions are revoked (a reset usually means the old one leaked). */
export async function setAgentPassword(db: CentralDb, clock: Clock, input: { email: string; password: string }): Promise<{ agentId: string; revokedSessions: number }> {
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
export async function disableAgent(db: CentralDb, clock: Clock, input: { email: string }): Promise<AdminChange & { revokedSessions: number }> {
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
