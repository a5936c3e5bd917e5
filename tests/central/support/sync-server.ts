import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import type { CentralRegistry } from '../../../src-central/stores/postgres/pg-entity-tables';
import { syncRoutes } from '../../../src-central/sync/sync-routes';
import type { ReplicaRegistry } from '../../../src-main/sync/replica-tables';
import type { CentralTestDb } from './central-test-db';
import { buildSyncCity, signedInWorkspace, type TestWorkspace } from './sync-city';
import { buildTestServer } from './test-server';

/** A registry other than the app's, on both sides (tests/fixtures/notice-board). */
export interface InjectedRegistries {
  central: CentralRegistry;
  replica: ReplicaRegistry;
}

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
export function useSyncServer(testDb: () => CentralTestDb, options: { registry?: InjectedRegistries } = {}): SyncServer {
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
    const registry = options.registry?.central;
    app = await buildTestServer(testDb(), { plugins: [syncRoutes(registry === undefined ? {} : { registry })] });
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
      const registry = options.registry?.replica;
      const opened = await signedInWorkspace(started(url), email, registry === undefined ? {} : { registry });
      workspaces.push(opened);
      return opened;
    },
  };
}
