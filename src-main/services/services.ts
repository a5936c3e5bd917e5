import type { ReplicaDb } from '../db/open-replica';
import { createRepositories } from '../repositories/repositories';
import { createCaseService } from './case-service';
import { createCitizenService } from './citizen-service';
import { createEntropy } from './identity';
import { createSearchService } from './search-service';
import { createSessionService } from './session-service';

export type Clock = () => Date;

export function createServices(db: ReplicaDb, options: { clock?: Clock; random?: () => number } = {}) {
  const clock = options.clock ?? (() => new Date());
  const entropy = createEntropy(clock, options.random);
  const repos = createRepositories(db);
  return {
    session: createSessionService(db, repos),
    reference: repos.reference,
    citizens: createCitizenService(db, repos, clock, entropy),
    cases: createCaseService(db, repos, clock, entropy),
    search: createSearchService(repos),
  };
}

export type Services = ReturnType<typeof createServices>;
