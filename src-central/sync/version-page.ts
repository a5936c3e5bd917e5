import { appSyncRegistry, type RowSet, type SyncRegistry } from '../../src-shared/sync';
import type { VersionedRows } from './store';

/**
 * One page of `entries` (in version order, all above `after`): about `limit` of them, never splitting a
 * version (the page ends before the boundary version, or takes a whole oversized one).
 */
export function pageByVersion<T extends { version: number }>(
  entries: readonly T[],
  limit: number,
  after: number,
  put: (rows: RowSet, entry: T) => void,
  registry: SyncRegistry = appSyncRegistry,
): VersionedRows {
  let end = Math.min(entries.length, limit);
  if (end < entries.length && end > 0) {
    const boundary = (entries[end] as T).version;
    while (end > 0 && (entries[end - 1] as T).version === boundary) end--;
    if (end === 0) while (end < entries.length && (entries[end] as T).version === boundary) end++;
  }
  const rows = registry.emptyRowSet();
  for (let i = 0; i < end; i++) put(rows, entries[i] as T);
  return { rows, maxVersion: end > 0 ? (entries[end - 1] as T).version : after, more: end < entries.length };
}
