import { EventEmitter, on } from 'node:events';
import { systemClock, type Clock } from '../../src-shared/domain/clock';
import { fail } from '../../src-shared/errors';
import type { MutationName } from '../../src-shared/mutations';
import type { ReplicaDb } from '../db/open-replica';
import { runMutation } from '../mutations/run-mutation';
import type { BulkOptions } from '../sync/bulk-bootstrap';
import type { ReplicaRegistry } from '../sync/replica-tables';
import { createRepositories } from '../repositories/repositories';
import { createSyncService, type SyncService } from '../sync/sync-service';
import { mainFeatures } from '../features';
import { createFeatureServices, type MainFeature } from '../features/main-feature';
import { createReplicaService, type ReplicaService } from '../features/replica/replica-service';
import { createEntropy } from './identity';

/** Runs a named mutation on the replica (runMutation), where the services may write. */
export type Mutate = <N extends MutationName>(input: Parameters<typeof runMutation<N>>[2]) => ReturnType<typeof runMutation<N>>;

export interface ServicesOptions {
  clock?: Clock;
  /** Seeded randomness for ids and tracking codes (the simulation); Math.random otherwise. */
  random?: () => number;
  /** The central service to sync with; null: this replica works alone. */
  centralUrl?: string | null;
  /** A file replica's key and writer thread: its first sync takes the bulk path (sync/bulk-bootstrap.ts). */
  bulk?: BulkOptions;
  /** Features built after the workspace's own (src-main/features): a test's. */
  extraFeatures?: readonly MainFeature[];
  /** What the replica syncs and the mutations write (the app's registry unless a test injects a larger one). */
  registry?: ReplicaRegistry;
}

/**
 * What the procedures call: the workspace's plumbing below, and each feature's services, added to this interface
 * from the feature's own folder (`declare module`, src-main/features/<feature>/index.ts; decision 0002).
 */
export interface Services {
  sync: SyncService;
  /** The replica's own state (damage, notices): plumbing the sync stops on, built before any feature. */
  replica: ReplicaService;
  clock: Clock;
  /** Yields each time the replica changes under the workspace, until `signal` aborts. */
  changes(signal?: AbortSignal): AsyncGenerator<void>;
}

export function createServices(db: ReplicaDb, options: ServicesOptions = {}): Services {
  const clock = options.clock ?? systemClock;
  const entropy = createEntropy(clock, options.random);
  const repos = createRepositories(db);
  const centralUrl = options.centralUrl ?? null;
  // Tells the renderer that the replica changed underneath it (a sync brought rows, the status moved).
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const sync = createSyncService(db, repos, {
    centralUrl,
    clock,
    onChange: () => changes.emit('change'),
    bulk: options.bulk,
    registry: options.registry,
  });
  const replica = createReplicaService(db);
  // Damage met by a procedure or by the sync: no more syncs, and the screens learn it at once (the notice).
  replica.onDamage(() => {
    sync.stop();
    changes.emit('change');
  });
  // The bulk bootstrap writes on its own connection and assumes an empty outbox: no mutation meanwhile (the
  // first-sync screen offers none; a call made anyway is refused rather than left to wait on the lock).
  const mutate: Mutate = (input) => {
    if (sync.engine.bootstrapping()) throw fail('FIRST_SYNC_IN_PROGRESS');
    return runMutation(db, repos, input, options.registry);
  };
  return {
    ...createFeatureServices(mainFeatures, options.extraFeatures ?? [], { db, repos, clock, entropy, mutate, sync, centralUrl }),
    sync,
    replica,
    clock,
    async *changes(signal?: AbortSignal): AsyncGenerator<void> {
      for await (const _ of on(changes, 'change', { signal })) yield;
    },
  };
}
