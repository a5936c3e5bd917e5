import { defineMainFeature } from '../main-feature';
import { citizenRouter } from './citizen-router';
import { createCitizenService } from './citizen-service';

export type CitizenService = ReturnType<typeof createCitizenService>;

export const citizensFeature = defineMainFeature({
  namespace: 'citizen',
  router: citizenRouter,
  services: { citizens: (deps) => createCitizenService(deps.db, deps.repos, deps.clock, deps.entropy, deps.mutate) },
});

declare module '../../services/services' {
  interface Services {
    citizens: CitizenService;
  }
}
