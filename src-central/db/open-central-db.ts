import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import type { Logger } from 'pino';
import type { CentralDatabase, CentralDb, NotificationHandler } from './central-db-types';
import { assertChannelName, PgListener } from './pg-listener';
import * as schema from './schema';

export type { CentralDatabase, CentralDb, CentralDbKind, CentralTx } from './central-db-types';

export interface CentralDbTarget {
  /** PostgreSQL when set; otherwise PGlite. */
  databaseUrl: string | null;
  /** PGlite's data folder; null keeps PGlite in memory (tests). */
  pgliteDir: string | null;
  databasePoolSize?: number;
}

/** Opens the database (no migration: see applyCentralMigrations). */
export async function openCentralDb(target: CentralDbTarget, logger: Logger): Promise<CentralDatabase> {
  return target.databaseUrl !== null
    ? openPostgres(target.databaseUrl, target.databasePoolSize ?? 10, logger)
    : openPglite(target.pgliteDir);
}

function notifyThrough(fallback: CentralDb) {
  return async (channel: string, payload: string, executor: CentralDb = fallback) => {
    assertChannelName(channel);
    await executor.execute(sql`select pg_notify(${channel}, ${payload})`);
  };
}

async function openPostgres(url: string, poolSize: number, logger: Logger): Promise<CentralDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled client that loses its server emits here; unhandled, it would kill the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'));
  const db: CentralDb = drizzleNodePg({ client: pool, schema });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  const listener = new PgListener(url, logger);
  return {
    db,
    kind: 'postgres',
    listen: (channel, handler) => listener.listen(channel, handler),
    notify: notifyThrough(db),
    onListenerReconnect: (handler) => listener.onReconnect(handler),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

async function openPglite(dir: string | null): Promise<CentralDatabase> {
  if (dir !== null) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir ?? 'memory://');
  const db: CentralDb = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    async listen(channel: string, handler: NotificationHandler) {
      assertChannelName(channel);
      // PGlite delivers notices from inside its query loop: a throwing handler must not fail that query.
      const unlisten = await client.listen(channel, (payload) => {
        try {
          handler(payload);
        } catch {
          // The handler owns its errors; see the bus, which logs them.
        }
      });
      return () => unlisten();
    },
    notify: notifyThrough(db),
    onListenerReconnect: () => () => undefined,
    close: () => client.close(),
  };
}
