import { defineFeature, route } from '../../app/feature-kit';
import { SyncInboxPage } from './pages/SyncInboxPage';

export const syncFeature = defineFeature({
  routes: [route({ name: 'syncInbox', path: '/sync-inbox', render: () => <SyncInboxPage /> })],
  nav: [
    {
      to: { name: 'syncInbox' },
      label: 'nav.syncInbox',
      // Without a central service there is no inbox.
      count: { of: (status) => (status.configured ? status.inbox : null), label: 'nav.syncInboxCount' },
    },
  ],
});
