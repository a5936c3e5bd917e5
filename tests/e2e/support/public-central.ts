import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { publicRoutes } from '../../../src-central/public/public-routes';
import { buildCentralServer } from '../../../src-central/service';
import { createCentralTestDb, silentLogger, type CentralTestDb } from '../../central/support/central-test-db';
import { surveyBuilders } from '../../central/support/survey-builders';
import { testConfig } from '../../central/support/test-server';

const publicDir = join(import.meta.dirname, '..', '..', '..', 'dist-public');

export interface PublicCentral {
  url: string;
  testDb: CentralTestDb;
  app: FastifyInstance;
  build: ReturnType<typeof surveyBuilders>;
  close(): Promise<void>;
}

/** The central service with its public pages (the built ones), on PGlite, listening on a free loopback port. */
export async function startPublicCentral(): Promise<PublicCentral> {
  if (!existsSync(join(publicDir, 'index.html'))) {
    throw new Error('The public pages are not built: npm run build:public (npm run test:e2e does it)');
  }
  const testDb = await createCentralTestDb({ kind: 'pglite' });
  const config = testConfig();
  const app = await buildCentralServer({ config, database: testDb.database, logger: silentLogger, plugins: [publicRoutes({ publicDir })] });
  // 127.0.0.1 is a secure context: the kiosk's service worker runs on it.
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    testDb,
    app,
    build: surveyBuilders(testDb.db),
    async close() {
      await app.close();
      await testDb.close();
    },
  };
}
