import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { syncRoutes } from '../../../src-central/sync/sync-routes';
import type { CentralTestDb } from './central-test-db';
import { buildSyncCity, signedInWorkspace, type TestWorkspace } from './sync-city';
import { buildTestServer } from './test-server';

export interface SyncServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly city: Awaited<ReturnType<typeof buildSyncCity>>;
  /** A workspace signed in against this server and bootstrapped; it closes after the test. */
  workspace: (email: string) => Promise<TestWorkspace>;
}

/**
 * Before each test (after the test database's own reset): a sync city, and the real server with the sync
 * routes listening on a free port. After each test: the workspaces opened through it close, then the server.
 */
export function useSyncServer(testDb: () => CentralTestDb): SyncServer {
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  let city: Awaited<ReturnType<typeof buildSyncCity>> | null = null;
  const workspaces: TestWorkspace[] = [];
  const started = <T>(value: T | null): T => {
    if (value === null) throw new Error('the sync server starts in beforeEach');
    return value;
  };

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    app = await buildTestServer(testDb(), { plugins: [syncRoutes()] });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    while (workspaces.length > 0) workspaces.pop()?.close();
    await app?.close();
  });

  return {
    get app() {
      return started(app);
    },
    get url() {
      return started(url);
    },
    get city() {
      return started(city);
    },
    workspace: async (email: string) => {
      const opened = await signedInWorkspace(started(url), email);
      workspaces.push(opened);
      return opened;
    },
  };
}
