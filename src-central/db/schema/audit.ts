import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';

export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/** Who changed what, when: one row per changed entity; never replicated, never updated. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: instant('at').notNull(),
    /** Null for the service's own actions (demo load, admin command). */
    agentId: uuid('agent_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    changes: jsonb('changes').$type<AuditChanges>().notNull(),
    /** The pushed mutation that caused the change, when there is one. */
    clientId: uuid('client_id'),
    mutationId: bigint('mutation_id', { mode: 'number' }),
  },
  (t) => [
    index('audit_log_entity').on(t.entity, t.entityId),
    index('audit_log_agent_at').on(t.agentId, t.at),
    // Rows arrive in time order: a block-range index finds the expired ones for retention at almost no write cost.
    index('audit_log_at_brin').using('brin', t.at),
  ],
);
