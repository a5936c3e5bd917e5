import { join } from 'node:path';
import { isGuichetError } from '../../src-shared/errors';
import { recoverDamagedReplica } from '../db/damaged-replica';
import { openReplica, type OpenReplicaOptions, type Replica } from '../db/open-replica';
import { httpOrigin } from '../web/content-security-policy';
import type { KeyStore } from '../db/key-store';
import { seedDemoCityIfEmpty } from '../seed/demo-city';
import { createServices } from '../services/services';
import type { ReplicaRegistry } from '../sync/replica-tables';
import { sourceReplicaWriterFile } from '../sync/replica-writer';
import { appRouter, type AppRouter } from '../trpc/root';
import type { TrpcContext } from '../trpc/trpc';

export interface CoreOptions {
  /** Folder holding the replica (`replica.db`) and, in browser mode, its key file. */
  dataDir: string;
  /** `drizzle/local`, passed in by whoever knows where the app is installed (Electron layer, CLI). */
  migrationsFolder: string;
  keyStore: KeyStore;
  /** Create the demo city when the replica is empty (first start); never when syncing with a central service. */
  demo: 'if-empty' | 'never';
  /** The central service to sync with (its URL), or null to work on this replica alone. */
  centralUrl?: string | null;
  /**
   * The bulk bootstrap's writer thread (src-main/sync/worker/replica-writer.mjs), passed in by whoever knows
   * where the app is installed; from sources by default.
   */
  replicaWriterFile?: string;
  /** Passed to openReplica (tests stand in for a replica too large to be read whole at start). */
  replicaFullCheckMaxBytes?: number;
  /**
   * What the replica syncs: the app's registry by default; a test's larger one (tests/fixtures/notice-board),
   * whose extra migrations are applied after the app's.
   */
  registry?: ReplicaRegistry;
}

/** The main core: everything the workspace does, independent of its transport (IPC or HTTP + WebSocket). */
export interface Core {
  router: AppRouter;
  createContext(): TrpcContext;
  /** Origins the page may load images from: the central service's and its public address (survey QR codes). */
  imageOrigins(): string[];
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const key = options.keyStore.loadOrCreate();
  const replica = openOrRebuild({
    file: join(options.dataDir, 'replica.db'),
    key,
    migrationsFolder: options.migrationsFolder,
    fullCheckMaxBytes: options.replicaFullCheckMaxBytes,
    extraMigrations: options.registry?.migrations ?? [],
  });
  const centralUrl = options.centralUrl ?? null;
  if (options.demo === 'if-empty' && centralUrl === null) seedDemoCityIfEmpty(replica.db);
  const services = createServices(replica.db, {
    centralUrl,
    bulk: { key, workerFile: options.replicaWriterFile ?? sourceReplicaWriterFile },
    ...(options.registry === undefined ? {} : { registry: options.registry }),
  });
  services.sync.start();
  return {
    router: appRouter,
    createContext: () => ({ services, agent: services.session.currentAgent() }),
    imageOrigins: () => {
      const origins = [httpOrigin(centralUrl), httpOrigin(services.surveys.publicUrl())];
      return [...new Set(origins.filter((origin): origin is string => origin !== null))];
    },
    close: () => {
      // The writer thread of a first sync has its own connection: it stops on its own, rolling back.
      void services.sync.shutdown();
      replica.close();
    },
  };
}

/**
 * A damaged file is set aside and a fresh replica takes its place (the next sync fills it from the central
 * service, the notice tells the agent); a wrong key is reported as such and the file is left alone.
 */
function openOrRebuild(options: OpenReplicaOptions): Replica {
  try {
    return openReplica(options);
  } catch (error) {
    if (!isGuichetError(error) || error.code !== 'REPLICA_DAMAGED') throw error;
    return recoverDamagedReplica(options).replica;
  }
}
