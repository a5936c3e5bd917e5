import { desc, eq, isNull } from 'drizzle-orm';
import { fail, isGuichetError } from '../../src-shared/errors';
import { isMutationName, reapplyArgs, type MutationName } from '../../src-shared/mutations';
import {
  signInResultSchema,
  signOutInputSchema,
  type SignInInput,
  type SignOutInput,
  type SignOutResult,
} from '../../src-shared/schemas/auth';
import type { Agent } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { syncInbox } from '../db/schema';
import { readMeta, writeMeta } from '../mutations/outbox';
import { replicaReader, runMutation } from '../mutations/run-mutation';
import type { Repositories } from '../repositories/repositories';
import type { Entropy } from '../services/identity';
import { generateTrackingCode } from '../../src-shared/domain/tracking-code';
import { CentralUnreachable, httpSyncTransport, listenForPokes, postJson, retryAfterMs, type CentralConnection } from './http-transport';
import type { BulkOptions } from './bulk-bootstrap';
import { createLocalRetention, RETENTION_META_KEY } from './local-retention';
import { scrubFreedPages, takeReplica } from './shared-desk';
import { SyncEngine, type SyncStatus } from './sync-engine';
import { centralPaths } from '../../src-shared/http/endpoints';

export interface WorkspaceSyncStatus extends SyncStatus {
  configured: boolean;
  /** The poke socket is open: other agents' changes arrive as they happen. */
  live: boolean;
  signedIn: boolean;
  centralUrl: string | null;
  /** Why the last session ended without a sign-out, for the sign-in screen; null after a sign-in or sign-out. */
  sessionEnded: 'SESSION_EXPIRED' | null;
}

const PERIODIC_SYNC_MS = 60_000;
// The central service's answers that mean the session is over (ACCESS_DENIED: no valid token to send).
const sessionEnding: ReadonlySet<string> = new Set(['SESSION_EXPIRED', 'ACCESS_DENIED']);

/**
 * The workspace's link to the central service: sign-in (token kept in the encrypted replica), a sync on
 * every local write, every poke and every minute, with backoff while offline; and the sync inbox.
 */
export function createSyncService(
  db: ReplicaDb,
  repos: Repositories,
  options: { centralUrl: string | null; clock: () => Date; entropy: Entropy; onChange?: () => void; bulk?: BulkOptions | undefined },
) {
  const connection: CentralConnection = {
    url: options.centralUrl ?? 'http://127.0.0.1:0',
    token: () => readMeta(db, 'central_token'),
    now: () => options.clock().getTime(),
  };
  const engine = new SyncEngine(db, repos, httpSyncTransport(connection), {
    clock: options.clock,
    onChange: options.onChange,
    ...(options.bulk === undefined ? {} : { bulk: options.bulk }),
  });
  const assertWritable = () => {
    if (engine.bootstrapping()) throw fail('FIRST_SYNC_IN_PROGRESS');
  };
  const retention = createLocalRetention(db, { clock: options.clock });
  let stopPokes: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;
  let live = false;

  /** A refusal still waiting for the agent's decision; one already decided, or unknown, is refused. */
  const openEntry = (mutationId: number) => {
    const entry = db.select().from(syncInbox).where(eq(syncInbox.mutationId, mutationId)).get();
    if (entry === undefined || entry.resolution !== null)
      throw fail('VALIDATION_FAILED', { issues: [{ path: 'mutationId', code: 'invalid_value' }] });
    return entry;
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void syncNow(), ms);
    timer.unref();
  };
  const syncNow = async (): Promise<void> => {
    // At start and with the periodic sync, online or not: expired local audit rows go (at most hourly).
    if (!engine.bootstrapping()) retention.runIfDue();
    if (stopped || options.centralUrl === null || connection.token() === null) return;
    try {
      await engine.sync();
      failures = 0;
      schedule(PERIODIC_SYNC_MS);
    } catch (error) {
      if (isGuichetError(error) && sessionEnding.has(error.code)) {
        endSession();
        return;
      }
      failures++;
      // Offline: retry with exponential backoff (2 s, 4 s … 1 min), never give up, never lose the outbox.
      // Rate-limited: retry when the service said (the transport sends no push before then anyway).
      schedule(retryAfterMs(error) ?? Math.min(60_000, 1_000 * 2 ** Math.min(failures, 6)));
      if (!(error instanceof CentralUnreachable)) options.onChange?.();
    }
  };
  /**
   * The central service no longer accepts the session (expired, revoked): no retry, the token goes, and the
   * sign-in screen says why. The outbox and the replica stay: the same agent signing in again pushes what
   * waited; another agent gets the desk as after a sign-out (shared-desk.ts).
   */
  const endSession = () => {
    stop();
    db.$client.transaction(() => {
      writeMeta(db, 'central_token', null);
      writeMeta(db, 'session_ended', 'SESSION_EXPIRED');
    })();
    options.onChange?.();
  };
  /** No more syncs of its own (pokes, timer); a sync under way goes on. */
  const stop = () => {
    stopped = true;
    stopPokes?.();
    stopPokes = null;
    if (timer !== null) clearTimeout(timer);
  };
  const start = () => {
    stopped = false;
    if (options.centralUrl === null || connection.token() === null || stopPokes !== null) return;
    stopPokes = listenForPokes(
      connection,
      () => void syncNow(),
      (connected) => {
        live = connected;
        options.onChange?.();
      },
      endSession,
    );
    void syncNow();
  };

  return {
    start,
    syncNow,
    engine,
    /** A central service is configured: signing in is required (no agent picker). */
    configured: options.centralUrl !== null,

    status(): WorkspaceSyncStatus {
      const sessionEnded = readMeta(db, 'session_ended') === null ? null : 'SESSION_EXPIRED';
      return {
        ...engine.status(),
        live,
        configured: options.centralUrl !== null,
        signedIn: connection.token() !== null,
        centralUrl: options.centralUrl,
        sessionEnded,
      };
    },

    /**
     * Signs in on the central service; the agent then keeps working offline with this identity. Another
     * agent's replica is handed over first (shared-desk.ts): nothing of theirs stays readable.
     */
    async signIn(input: SignInInput): Promise<Agent> {
      if (options.centralUrl === null) throw fail('ACCESS_DENIED');
      const result = signInResultSchema.parse(await postJson(connection, centralPaths.signIn, input, false));
      // Nothing else writes while the replica changes hands: no sync of the previous session goes on.
      stop();
      await engine.stop();
      await engine.idle();
      const handedOver = db.$client.transaction(() => {
        const changed = takeReplica(db, result.agent.id);
        writeMeta(db, 'central_token', result.token);
        writeMeta(db, 'central_agent', JSON.stringify(result.agent));
        writeMeta(db, 'agent_id', result.agent.id);
        writeMeta(db, 'session_ended', null);
        if (result.policy !== undefined) writeMeta(db, RETENTION_META_KEY, String(result.policy.localAuditRetentionDays));
        return changed;
      })();
      if (handedOver) {
        scrubFreedPages(db);
        engine.forgetReplica();
      }
      start();
      if (handedOver) options.onChange?.();
      return result.agent;
    },

    /**
     * Pushes the agent's unsent changes under their identity, then signs out. If some cannot go, nothing
     * happens unless `keep`: they stay on this desk, parked for the agent's next session here.
     */
    async signOut(input: SignOutInput = {}): Promise<SignOutResult> {
      const { keep } = signOutInputSchema.parse(input);
      stop();
      // A bulk bootstrap's writer stops first: this thread then writes alone.
      await engine.stop();
      if (engine.status().pending > 0) await engine.sync().catch(() => undefined);
      await engine.idle();
      const pending = engine.status().pending;
      if (pending > 0 && !keep) {
        start();
        return { signedOut: false, pending };
      }
      await postJson(connection, centralPaths.signOut, {}).catch(() => undefined);
      db.$client.transaction(() => {
        writeMeta(db, 'central_token', null);
        writeMeta(db, 'central_agent', null);
        writeMeta(db, 'agent_id', null);
        writeMeta(db, 'session_ended', null);
      })();
      options.onChange?.();
      return { signedOut: true, pending };
    },

    /** The agent of the live session (its token is in the replica), null when nobody is signed in. */
    signedInIdentity(): Agent | null {
      const stored = readMeta(db, 'central_agent');
      return stored === null || connection.token() === null ? null : (JSON.parse(stored) as Agent);
    },

    inbox() {
      return db.select().from(syncInbox).where(isNull(syncInbox.resolution)).orderBy(desc(syncInbox.mutationId)).all();
    },

    discard(mutationId: number): void {
      assertWritable();
      openEntry(mutationId);
      db.update(syncInbox).set({ resolution: 'discarded' }).where(eq(syncInbox.mutationId, mutationId)).run();
    },

    /** Runs the refused change again as a new mutation, on the current state. */
    reapply(agent: Agent, mutationId: number, now: Date): void {
      assertWritable();
      const entry = openEntry(mutationId);
      if (!isMutationName(entry.name)) throw fail('UNKNOWN_MUTATION', { name: entry.name });
      const name: MutationName = entry.name;
      const args = reapplyArgs(name, entry.args as Record<string, unknown>, replicaReader(repos), options.entropy.id);
      if (name === 'case.open') args.trackingCode = generateTrackingCode(options.entropy.random);
      db.$client.transaction(() => {
        runMutation(db, repos, { name, args: args as never, agent, now });
        db.update(syncInbox).set({ resolution: 'reapplied' }).where(eq(syncInbox.mutationId, mutationId)).run();
      })();
      void syncNow();
    },

    stop,

    /** Shutting down: stop() and a bulk bootstrap's writer thread with it (the bootstrap resumes at the next start). */
    shutdown(): Promise<void> {
      stop();
      return engine.stop();
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
