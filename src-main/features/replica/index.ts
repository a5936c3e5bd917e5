import { defineMainFeature } from '../main-feature';
import { replicaRouter } from './replica-router';

/** The replica's procedures; its service is plumbing the sync stops on (services/services.ts), built before any feature. */
export const replicaFeature = defineMainFeature({
  namespace: 'replica',
  router: replicaRouter,
  services: {},
});
