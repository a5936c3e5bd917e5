import { fetchDemoAccounts } from '../../sync/demo-accounts';
import { defineMainFeature } from '../main-feature';
import { createSyncInbox } from './sync-inbox';
import { syncRouter } from './sync-router';

/**
 * The sync's procedures: the workspace's sync itself (src-main/sync, built before any feature) and the sync
 * inbox, whose re-applied changes go through the services like any other.
 */
export const syncFeature = defineMainFeature({
  namespace: 'sync',
  router: syncRouter,
  services: {
    /** What a demo central service tells its sign-in screen (null from any other). */
    demoAccounts: (deps) => () => fetchDemoAccounts(deps.centralUrl),
    syncInbox: createSyncInbox,
  },
});

declare module '../../services/services' {
  interface Services {
    demoAccounts: () => ReturnType<typeof fetchDemoAccounts>;
    syncInbox: ReturnType<typeof createSyncInbox>;
  }
}
