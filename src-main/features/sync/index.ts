import { fetchDemoAccounts } from '../../sync/demo-accounts';
import { defineMainFeature } from '../main-feature';
import { syncRouter } from './sync-router';

/** The sync's procedures; its service is the workspace's sync itself (src-main/sync), built before any feature. */
export const syncFeature = defineMainFeature({
  namespace: 'sync',
  router: syncRouter,
  services: {
    /** What a demo central service tells its sign-in screen (null from any other). */
    demoAccounts: (deps) => () => fetchDemoAccounts(deps.centralUrl),
  },
});

declare module '../../services/services' {
  interface Services {
    demoAccounts: () => ReturnType<typeof fetchDemoAccounts>;
  }
}
