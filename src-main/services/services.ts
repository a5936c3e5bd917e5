import { EventEmitter, on } from 'node:events';
import type { ReplicaDb } from '../db/open-replica';
import { createRepositories } from '../repositories/repositories';
import { createSyncService } from '../sync/sync-service';
import { createCaseService } from './case-service';
import { createCitizenService } from './citizen-service';
import { createEntropy } from './identity';
import { createSearchService } from './search-service';
import { createSessionService } from './session-service';

export type Clock = () => Date;

export interface ServicesOptions {
  clock?: Clock;
  /** Seeded randomness for ids and tracking codes (the simulation); Math.random otherwise. */
  random?: () => number;
  /** The central service to sync with; null: this replica works alone. */
  centralUrl?: string | null;
}

export function createServices(db: ReplicaDb, options: ServicesOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const entropy = createEntropy(clock, options.random);
  const repos = createRepositories(db);
  // Tells the renderer that the replica changed underneath it (a sync brought rows, the status moved).
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const sync = createSyncService(db, repos, { centralUrl: options.centralUrl ?? null, clock, entropy, onChange: () => changes.emit('change') });
  return {
    session: createSessionService(db, repos, () => sync.lastIdentity()),
    reference: repos.reference,
    citizens: createCitizenService(db, repos, clock, entropy),
    cases: createCaseService(db, repos, clock, entropy),
    search: createSearchService(repos),
    sync,
    clock,
    /** Yields each time the replica changes under the workspace, until `signal` aborts. */
    async *changes(signal?: AbortSignal): AsyncGenerator<void> {
      for await (const _ of on(changes, 'change', { signal })) yield;
    },
  };
}

export type Services = ReturnType<typeof createServices>;
