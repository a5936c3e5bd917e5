import { defineMainFeature } from '../main-feature';
import { replicaRouter } from './replica-router';
import { createReplicaService } from './replica-service';

export type ReplicaService = ReturnType<typeof createReplicaService>;

export const replicaFeature = defineMainFeature({
  namespace: 'replica',
  router: replicaRouter,
  services: { replica: (deps) => createReplicaService(deps.db) },
});

declare module '../../services/services' {
  interface Services {
    replica: ReplicaService;
  }
}
