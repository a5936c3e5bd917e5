import { defineMainFeature } from '../main-feature';
import { caseRouter } from './case-router';
import { createCaseService } from './case-service';

export type CaseService = ReturnType<typeof createCaseService>;

export const casesFeature = defineMainFeature({
  namespace: 'case',
  router: caseRouter,
  services: { cases: (deps) => createCaseService(deps.db, deps.repos, deps.clock, deps.entropy, deps.mutate) },
});

declare module '../../services/services' {
  interface Services {
    cases: CaseService;
  }
}
