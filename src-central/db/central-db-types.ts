import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type CentralSchema = typeof schema;

/**
 * The drizzle database both drivers (PGlite, node-postgres) satisfy. Code written against it runs
 * unchanged on either; a transaction (`CentralTx`) is one too, so repositories take a `CentralDb` and work
 * inside or outside a transaction.
 */
export type CentralDb = PgDatabase<PgQueryResultHKT, CentralSchema>;
export type CentralTx = PgTransaction<PgQueryResultHKT, CentralSchema, ExtractTablesWithRelations<CentralSchema>>;

export type CentralDbKind = 'postgres' | 'pglite';

export type NotificationHandler = (payload: string) => void;

/** The opened database: drizzle plus the LISTEN/NOTIFY both kinds provide. */
export interface CentralDatabase {
  db: CentralDb;
  kind: CentralDbKind;
  /** LISTENs on `channel` (lower-case identifier); resolves once listening, to the function that stops it. */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  /**
   * NOTIFY through `executor` (default: the pool). Pass the transaction to have PostgreSQL deliver the notice
   * only if, and when, it commits. Payloads are limited to 8,000 bytes.
   */
  notify(channel: string, payload: string, executor?: CentralDb): Promise<void>;
  /**
   * Called after the PostgreSQL LISTEN connection was lost and re-established: notices sent meanwhile are
   * lost, so listeners should assume anything changed. Never called on PGlite (in-process, cannot drop).
   */
  onListenerReconnect(handler: () => void): () => void;
  close(): Promise<void>;
}
