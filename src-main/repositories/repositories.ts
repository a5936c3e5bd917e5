import type { ReplicaDb } from '../db/open-replica';
import { createAuditRepository } from './audit-repository';
import { createCaseRepository } from './case-repository';
import { createCitizenRepository } from './citizen-repository';
import { createOutboxRepository } from './outbox-repository';
import { createReferenceRepository } from './reference-repository';
import { createSyncInboxRepository } from './sync-inbox-repository';

export function createRepositories(db: ReplicaDb) {
  return {
    audit: createAuditRepository(db),
    cases: createCaseRepository(db),
    citizens: createCitizenRepository(db),
    outbox: createOutboxRepository(db),
    reference: createReferenceRepository(db),
    syncInbox: createSyncInboxRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
