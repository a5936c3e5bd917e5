import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CentralConfig } from './config';
import type { CentralDatabase } from './db/central-db-types';
import { applyCentralMigrations, applyExtraMigrations } from './db/migrations';
import { openCentralDb } from './db/open-central-db';
import { loadDemoCity } from './demo';
import { buildCentralServer, type CentralPlugin } from './server';
import type { CentralRegistry } from './sync/pg-entity-tables';
import { syncRoutes } from './sync/sync-routes';

export interface RunningCentral {
  app: FastifyInstance;
  database: CentralDatabase;
  url: string;
  close(): Promise<void>;
}

/**
 * Everything `npm run central` does short of signals: open, migrate, demo, listen. `registry`: what it syncs
 * (the app's unless given: a test's, whose extra migrations are applied after the app's).
 */
export async function startCentralService(
  config: CentralConfig,
  logger: Logger,
  options: { registry?: CentralRegistry; plugins?: CentralPlugin[] } = {},
): Promise<RunningCentral> {
  const { registry } = options;
  const plugins = options.plugins ?? [syncRoutes(registry === undefined ? {} : { registry })];
  const opening = performance.now();
  const database = await openCentralDb(config, logger);
  try {
    const migrations = await applyCentralMigrations(database.db, config.migrationsDir);
    if (registry !== undefined) await applyExtraMigrations(database.db, registry.migrations);
    logger.info(
      { database: database.kind, ...migrations, milliseconds: Math.round(performance.now() - opening) },
      database.kind === 'pglite' ? `database ready (PGlite in ${config.pgliteDir ?? 'memory'})` : 'database ready (PostgreSQL)',
    );
    if (config.demo) {
      const demo = await loadDemoCity(database.db);
      if (demo.loaded) logger.info({ rows: demo.rows, milliseconds: demo.milliseconds }, `demo city loaded in ${demo.milliseconds} ms`);
      else logger.info('demo city not loaded: the database already holds data');
    }
    const app = await buildCentralServer({ config, database, logger, plugins });
    const url = await app.listen({ port: config.port, host: config.host });
    return {
      app,
      database,
      url,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
