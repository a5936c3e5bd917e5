import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Local facts about this replica: client id, last mutation id, chosen agent. */
export const meta = sqliteTable('_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** One row a before-image: how to undo a pending mutation's optimistic effect during a rebase. */
export interface UndoImage {
  table: string;
  id: string;
  before: Record<string, unknown> | null;
}

/** The outbox: named mutations applied locally and not yet acknowledged by the central service. */
export const pendingMutations = sqliteTable('_pending', {
  mutationId: integer('mutation_id').primaryKey(),
  clientId: text('client_id').notNull(),
  agentId: text('agent_id').notNull(),
  name: text('name').notNull(),
  args: text('args', { mode: 'json' }).$type<unknown>().notNull(),
  createdAt: text('created_at').notNull(),
  undo: text('undo', { mode: 'json' }).$type<UndoImage[]>().notNull(),
});

/** Who changed what, when: one row a changed entity. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    agentId: text('agent_id').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    mutationId: integer('mutation_id'),
    changes: text('changes', { mode: 'json' }).$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [index('audit_log_entity').on(t.entity, t.entityId), index('audit_log_agent_at').on(t.agentId, t.at)],
);

/**
 * The sync inbox: every mutation the central service refused, with its coded reason and the arguments the
 * agent entered, until the agent discards it or re-applies it as a new change. Nothing is lost silently.
 */
export const syncInbox = sqliteTable('_sync_inbox', {
  mutationId: integer('mutation_id').primaryKey(),
  agentId: text('agent_id').notNull(),
  name: text('name').notNull(),
  args: text('args', { mode: 'json' }).$type<unknown>().notNull(),
  outcome: text('outcome').$type<'rejected' | 'conflict'>().notNull(),
  error: text('error', { mode: 'json' }).$type<{ code: string; args: Record<string, unknown> }>().notNull(),
  createdAt: text('created_at').notNull(),
  refusedAt: text('refused_at').notNull(),
  resolution: text('resolution').$type<'discarded' | 'reapplied'>(),
});
