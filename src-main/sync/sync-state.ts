import type { BootstrapState, SyncScope } from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import { metaSteps, readMeta, type MetaKey } from '../repositories/meta-repository';
import { runSteps, type Step } from './replica-apply';

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
  const json = <T>(key: MetaKey): T | null => {
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

export function syncStateSteps(state: Partial<SyncState>): Step[] {
  const entries: Partial<Record<MetaKey, string | null>> = {};
  const json = (key: MetaKey, value: unknown) => (entries[key] = value === null ? null : JSON.stringify(value));
  if (state.cursor !== undefined) json('sync_cursor', state.cursor);
  if (state.scope !== undefined) json('sync_scope', state.scope);
  if (state.bootstrap !== undefined) json('sync_bootstrap', state.bootstrap);
  if (state.acknowledged !== undefined) json('sync_acknowledged', state.acknowledged);
  if (state.lastSyncAt !== undefined) entries['sync_last_at'] = state.lastSyncAt;
  return metaSteps(entries);
}

export function writeSyncState(db: ReplicaDb, state: Partial<SyncState>): void {
  runSteps(db.$client, syncStateSteps(state));
}
