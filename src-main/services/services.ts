import { EventEmitter, on } from 'node:events';
import { fail } from '../../src-shared/errors';
import type { MutationName } from '../../src-shared/mutations';
import type { ReplicaDb } from '../db/open-replica';
import { runMutation } from '../mutations/run-mutation';
import type { BulkOptions } from '../sync/bulk-bootstrap';
import { createRepositories } from '../repositories/repositories';
import { fetchDemoAccounts } from '../sync/demo-accounts';
import { createSyncService } from '../sync/sync-service';
import { createCaseService } from './case-service';
import { createCitizenService } from './citizen-service';
import { createEntropy } from './identity';
import { createReplicaService } from './replica-service';
import { createSearchService } from './search-service';
import { createSessionService } from './session-service';

export type Clock = () => Date;

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
}

export function createServices(db: ReplicaDb, options: ServicesOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const entropy = createEntropy(clock, options.random);
  const repos = createRepositories(db);
  // Tells the renderer that the replica changed underneath it (a sync brought rows, the status moved).
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const sync = createSyncService(db, repos, {
    centralUrl: options.centralUrl ?? null,
    clock,
    entropy,
    onChange: () => changes.emit('change'),
    bulk: options.bulk,
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
    return runMutation(db, repos, input);
  };
  return {
    session: createSessionService(db, repos, options.centralUrl == null ? null : { signedIn: () => sync.signedInIdentity() }),
    reference: repos.reference,
    citizens: createCitizenService(db, repos, clock, entropy, mutate),
    cases: createCaseService(db, repos, clock, entropy, mutate),
    search: createSearchService(repos),
    sync,
    /** What a demo central service tells its sign-in screen (null from any other). */
    demoAccounts: () => fetchDemoAccounts(options.centralUrl ?? null),
    replica,
    clock,
    /** Yields each time the replica changes under the workspace, until `signal` aborts. */
    async *changes(signal?: AbortSignal): AsyncGenerator<void> {
      for await (const _ of on(changes, 'change', { signal })) yield;
    },
  };
}

export type Services = ReturnType<typeof createServices>;
