export { STATUS_POLL_MS, useSyncChanges, useSyncStatus, type RefusedChange, type SyncStatus } from './api';
export { useRefusalNotice } from './use-refusal-notice';
export { SyncStatusIndicator } from './components/SyncStatusIndicator';
export { describeRefusal, type Lookups, type RefusalView } from './refusal-view';
export { SyncInboxPage } from './pages/SyncInboxPage';
export { lastSyncText, percentOf, syncState, type SyncState } from './status-text';
export { syncFeature } from './feature';
