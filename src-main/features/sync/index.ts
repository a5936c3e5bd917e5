import { defineMainFeature } from '../main-feature';
import { syncRouter } from './sync-router';

/** The sync's procedures; its service is the workspace's sync itself (src-main/sync), built before any feature. */
export const syncFeature = defineMainFeature({
  namespace: 'sync',
  router: syncRouter,
  services: {},
});
