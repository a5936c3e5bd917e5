import type { TFunction } from 'i18next';
import { formatDateTime, formatTime, sameCityDay } from '../../shared/format';
import type { SyncStatus } from './api';

export type SyncState = 'standalone' | 'online' | 'offline' | 'upgradeRequired' | 'failing';

export function syncState(status: SyncStatus): SyncState {
  if (!status.configured) return 'standalone';
  if (status.upgradeRequired) return 'upgradeRequired';
  // The central service answered, with errors: the network is not to blame, and pulls may still arrive.
  if (status.failure === 'errors') return 'failing';
  // The engine says online once a whole run succeeds; during a long first sync, the open poke socket and
  // the pages arriving already prove the link.
  return status.online || status.live || status.progress !== null ? 'online' : 'offline';
}

/** "Synchronisé il y a 5 min" within the hour, "à 14:02" the same day, then the date. */
export function lastSyncText(t: TFunction, lastSyncAt: string | null, now: Date, language: string): string {
  if (lastSyncAt === null) return t('sync.never');
  const at = new Date(lastSyncAt);
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return t('sync.justNow');
  if (minutes < 60) return t('sync.minutesAgo', { count: minutes });
  if (sameCityDay(at, now)) return t('sync.at', { time: formatTime(lastSyncAt, language) });
  return t('sync.on', { date: formatDateTime(lastSyncAt, language) });
}

/** Why the last sync failed, in words, or null when it did not. */
export function failureText(t: TFunction, status: SyncStatus): string | null {
  if (!status.configured || status.failure === null) return null;
  return t(status.failure === 'unreachable' ? 'sync.failureUnreachable' : 'sync.failureErrors');
}

export function pendingText(t: TFunction, pending: number): string {
  return pending === 0 ? t('sync.pendingNone') : t('sync.pending', { count: pending });
}

/** 0–100, whole: what the bar and its text show. */
export function percentOf(progress: number | null): number {
  return progress === null ? 0 : Math.max(0, Math.min(100, Math.floor(progress * 100)));
}
