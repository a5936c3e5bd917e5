import type { Repositories } from '../../repositories/repositories';
import { defineMainFeature } from '../main-feature';
import { referenceRouter } from './reference-router';

/** Departments, categories and agents: read straight from their repository, no rule in between. */
export const referenceFeature = defineMainFeature({
  namespace: 'reference',
  router: referenceRouter,
  services: { reference: (deps) => deps.repos.reference },
});

declare module '../../services/services' {
  interface Services {
    reference: Repositories['reference'];
  }
}
