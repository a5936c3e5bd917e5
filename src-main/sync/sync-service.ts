import type { Clock } from '../../src-shared/domain/clock';
import { replicaDamage } from '../db/damage-marker';
import type { ReplicaDb } from '../db/open-replica';
import { readMeta } from '../repositories/meta-repository';
import type { Repositories } from '../repositories/repositories';
import type { BulkOptions } from './bulk-bootstrap';
import { httpSyncTransport, type CentralConnection } from './http-transport';
import { createLocalRetention } from './local-retention';
import { createPokeSocket } from './poke-socket';
import type { ReplicaRegistry } from './replica-tables';
import { SyncEngine, type SyncStatus } from './sync-engine';
import { createSyncSchedule } from './sync-schedule';
import { createSyncSession } from './sync-session';

export interface WorkspaceSyncStatus extends SyncStatus {
  configured: boolean;
  /** The poke socket is open: other agents' changes arrive as they happen. */
  live: boolean;
  signedIn: boolean;
  centralUrl: string | null;
  /** Why the last session ended without a sign-out, for the sign-in screen; null after a sign-in or sign-out. */
  sessionEnded: 'SESSION_EXPIRED' | null;
}

/**
 * The workspace's link to the central service: sign-in (token kept in the encrypted replica, sync-session.ts),
 * a sync on every local write, every poke (poke-socket.ts) and every minute, with backoff while offline
 * (sync-schedule.ts). The sync inbox is the sync feature's (features/sync/sync-inbox.ts).
 */
export function createSyncService(
  db: ReplicaDb,
  repos: Repositories,
  options: {
    centralUrl: string | null;
    clock: Clock;
    onChange?: () => void;
    bulk?: BulkOptions | undefined;
    registry?: ReplicaRegistry | undefined;
  },
) {
  const connection: CentralConnection = {
    url: options.centralUrl ?? 'http://127.0.0.1:0',
    token: () => readMeta(db, 'central_token'),
    now: () => options.clock.now().getTime(),
  };
  const engine = new SyncEngine(db, repos, httpSyncTransport(connection), {
    clock: options.clock,
    onChange: options.onChange,
    ...(options.bulk === undefined ? {} : { bulk: options.bulk }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
  });
  const retention = createLocalRetention(db, { clock: options.clock });
  const canSync = () => options.centralUrl !== null && connection.token() !== null;
  const endSession = () => session.endSession();
  const schedule = createSyncSchedule({
    engine,
    canSync,
    beforeEachAttempt: () => retention.runIfDue(),
    damage: replicaDamage(db),
    onSessionEnded: endSession,
    onChange: options.onChange,
  });
  const pokes = createPokeSocket(connection, {
    onPoke: () => void schedule.syncNow(),
    onSessionEnded: endSession,
    onChange: options.onChange,
  });
  /** No more syncs of its own (pokes, timer); a sync under way goes on. */
  const stop = () => {
    schedule.stop();
    pokes.stop();
  };
  const start = () => {
    schedule.resume();
    if (!canSync() || pokes.listening()) return;
    pokes.start();
    void schedule.syncNow();
  };
  const session = createSyncSession(db, { connection, centralUrl: options.centralUrl, engine, start, stop, onChange: options.onChange });

  return {
    start,
    syncNow: schedule.syncNow,
    engine,
    /** A central service is configured: signing in is required (no agent picker). */
    configured: options.centralUrl !== null,

    status(): WorkspaceSyncStatus {
      const sessionEnded = readMeta(db, 'session_ended') === null ? null : 'SESSION_EXPIRED';
      return {
        ...engine.status(),
        live: pokes.live(),
        configured: options.centralUrl !== null,
        signedIn: connection.token() !== null,
        centralUrl: options.centralUrl,
        sessionEnded,
      };
    },

    signIn: session.signIn,
    signOut: session.signOut,
    signedInIdentity: session.signedInIdentity,
    stop,

    /** Shutting down: stop() and a bulk bootstrap's writer thread with it (the bootstrap resumes at the next start). */
    shutdown(): Promise<void> {
      stop();
      return engine.stop();
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
