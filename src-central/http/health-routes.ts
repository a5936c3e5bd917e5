import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { CentralDatabase, CentralDbKind } from '../db/central-db-types';
import { centralPaths } from '../../src-shared/http/endpoints';

export interface Health {
  status: 'ok';
  database: CentralDbKind;
  version: string;
}

/**
 * For load balancers and the desktop's "is the central service there" check; no authentication. It asks
 * the database, so an instance that lost it does not claim to be healthy (it answers 500 INTERNAL).
 */
export async function healthRoutes(app: FastifyInstance, options: { database: CentralDatabase; version: string }): Promise<void> {
  app.get(centralPaths.health, async (): Promise<Health> => {
    await options.database.db.execute(sql`select 1`);
    return { status: 'ok', database: options.database.kind, version: options.version };
  });
}
