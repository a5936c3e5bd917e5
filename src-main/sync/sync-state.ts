import type { BootstrapState, SyncScope } from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import { readMeta, writeMeta } from '../mutations/outbox';

/** Where the replica stands with the central service; written in the same transaction as the rows it describes. */
export interface SyncState {
  cursor: number | null;
  scope: SyncScope | null;
  bootstrap: BootstrapState | null;
  /** Mutations up to this id have an outcome on the server. */
  acknowledged: number;
  lastSyncAt: string | null;
}

export function readSyncState(db: ReplicaDb): SyncState {
  const json = <T>(key: string): T | null => {
    const value = readMeta(db, key);
    return value === null ? null : (JSON.parse(value) as T);
  };
  return {
    cursor: json<number>('sync_cursor'),
    scope: json<SyncScope>('sync_scope'),
    bootstrap: json<BootstrapState>('sync_bootstrap'),
    acknowledged: json<number>('sync_acknowledged') ?? 0,
    lastSyncAt: readMeta(db, 'sync_last_at'),
  };
}

export function writeSyncState(db: ReplicaDb, state: Partial<SyncState>): void {
  const set = (key: string, value: unknown) => writeMeta(db, key, value === null ? null : JSON.stringify(value));
  if (state.cursor !== undefined) set('sync_cursor', state.cursor);
  if (state.scope !== undefined) set('sync_scope', state.scope);
  if (state.bootstrap !== undefined) set('sync_bootstrap', state.bootstrap);
  if (state.acknowledged !== undefined) set('sync_acknowledged', state.acknowledged);
  if (state.lastSyncAt !== undefined) writeMeta(db, 'sync_last_at', state.lastSyncAt);
}
