import { isGuichetError } from '../../src-shared/errors';
import { CentralUnreachable, retryAfterMs } from './http-transport';
import type { ReplicaDamage } from '../db/damage-marker';
import type { SyncEngine } from './sync-engine';

const PERIODIC_SYNC_MS = 60_000;
// The central service's answers that mean the session is over (ACCESS_DENIED: no valid token to send).
const sessionEnding: ReadonlySet<string> = new Set(['SESSION_EXPIRED', 'ACCESS_DENIED']);

export interface SyncScheduleOptions {
  engine: SyncEngine;
  /** A central service is configured and a session token is held: there is someone to sync for. */
  canSync: () => boolean;
  /** Housekeeping due at each attempt, online or not (the local audit retention). */
  beforeEachAttempt: () => void;
  /** Damage SQLite reported on this replica (db/damage-marker.ts): no more syncs, a restart rebuilds it. */
  damage: Pick<ReplicaDamage, 'current' | 'check'>;
  onSessionEnded: () => void;
  onChange?: (() => void) | undefined;
}

/**
 * When the workspace syncs: now (a local write, a poke), every minute after a success, and with backoff while
 * the central service cannot be reached or refuses for a while.
 */
export function createSyncSchedule(options: SyncScheduleOptions) {
  const { engine, damage } = options;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void syncNow(), ms);
    timer.unref();
  };
  const syncNow = async (): Promise<void> => {
    // A damaged replica takes no more writes; a restart rebuilds it.
    if (damage.current() !== null) return;
    // At start and with the periodic sync, online or not: expired local audit rows go (at most hourly).
    // Not while a page is being applied: its transaction is open between slices (rebase.ts).
    try {
      if (!engine.bootstrapping() && !engine.applyingPage()) options.beforeEachAttempt();
    } catch (error) {
      if (damage.check(error) === null) throw error;
      return;
    }
    if (stopped || !options.canSync()) return;
    try {
      await engine.sync();
      failures = 0;
      schedule(PERIODIC_SYNC_MS);
    } catch (error) {
      // Recorded by the engine, which stops the sync (services.ts) and tells the screens.
      if (damage.current() !== null) return;
      if (isGuichetError(error) && sessionEnding.has(error.code)) {
        options.onSessionEnded();
        return;
      }
      failures++;
      // Offline: retry with exponential backoff (2 s, 4 s … 1 min), never give up, never lose the outbox.
      // Rate-limited: retry when the service said (the transport sends no push before then anyway).
      schedule(retryAfterMs(error) ?? Math.min(60_000, 1_000 * 2 ** Math.min(failures, 6)));
      if (!(error instanceof CentralUnreachable)) options.onChange?.();
    }
  };

  return {
    syncNow,
    /** Syncs may be scheduled again (after a stop). */
    resume(): void {
      stopped = false;
    },
    /** No more syncs of its own; a sync under way goes on. */
    stop(): void {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
