import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, primaryKey, smallint, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { ErrorCode } from '../../../src-shared/errors';
import { instant } from './columns';
import { agents } from './reference';

/**
 * The one-row version counter. A pusher takes the next version with
 * `UPDATE sync_counter SET version = version + 1 RETURNING version` inside its transaction: the row lock
 * serialises pushers, so versions are handed out in commit order and `row_version > cursor` never skips a
 * late commit. The row is created by migration 0001.
 */
export const syncCounter = pgTable(
  'sync_counter',
  {
    id: smallint('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    /** Tombstones at or below this version were purged: a cursor older than it must reset. */
    horizon: bigint('horizon', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('sync_counter_single_row', sql`${t.id} = 1`)],
);

/**
 * Rows that left a department (deleted, or moved to another one), so a pull can tell that department's
 * replicas to drop them. One row per (entity, id, department it left), upserted; purged below the horizon.
 */
export const tombstones = pgTable(
  'tombstones',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entity: text('entity').notNull(),
    /** Text, not uuid: an entity's key may be composite or not a uuid. */
    entityId: text('entity_id').notNull(),
    /** Null for entities that belong to no department (citizens, agents). */
    departmentId: uuid('department_id'),
    rowVersion: bigint('row_version', { mode: 'number' }).notNull(),
    deletedAt: instant('deleted_at').notNull(),
  },
  (t) => [
    // NULLS NOT DISTINCT: one tombstone per department-less row too, so `ON CONFLICT` upserts it.
    unique('tombstones_departure').on(t.entity, t.entityId, t.departmentId).nullsNotDistinct(),
    index('tombstones_row_version').on(t.rowVersion),
    index('tombstones_department_row_version').on(t.departmentId, t.rowVersion),
  ],
);

/** A replica (one per installed workspace and agent), with the last mutation id it had applied. */
export const syncClients = pgTable(
  'sync_clients',
  {
    clientId: uuid('client_id').primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
  },
  (t) => [index('sync_clients_agent').on(t.agentId)],
);

export type MutationOutcome = 'applied' | 'rejected' | 'conflict';

/** A refusal as it went to the client (the sync protocol's error payload); any ErrorPayload fits. */
export interface LoggedError {
  code: ErrorCode;
  args: Record<string, unknown>;
}

/** Every pushed mutation, exactly once, with its outcome: the audit of what each agent tried. */
export const mutationLog = pgTable(
  'mutation_log',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => syncClients.clientId, { onDelete: 'cascade' }),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    agentId: uuid('agent_id').notNull(),
    name: text('name').notNull(),
    args: jsonb('args').$type<unknown>().notNull(),
    outcome: text('outcome').$type<MutationOutcome>().notNull(),
    error: jsonb('error').$type<LoggedError>(),
    /** The version the mutation's writes got; null when it wrote nothing. */
    rowVersion: bigint('row_version', { mode: 'number' }),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.mutationId] }),
    check('mutation_log_outcome', sql`${t.outcome} in ('applied', 'rejected', 'conflict')`),
    index('mutation_log_agent_created').on(t.agentId, t.createdAt),
    // Rows arrive in time order: a block-range index finds the expired ones for retention at almost no write cost.
    index('mutation_log_created_brin').using('brin', t.createdAt),
  ],
);
