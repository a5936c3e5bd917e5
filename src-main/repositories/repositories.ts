import type { ReplicaDb } from '../db/open-replica';
import { createCaseRepository } from './case-repository';
import { createCitizenRepository } from './citizen-repository';
import { createReferenceRepository } from './reference-repository';
import { createSyncInboxRepository } from './sync-inbox-repository';

export function createRepositories(db: ReplicaDb) {
  return {
    cases: createCaseRepository(db),
    citizens: createCitizenRepository(db),
    reference: createReferenceRepository(db),
    syncInbox: createSyncInboxRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
