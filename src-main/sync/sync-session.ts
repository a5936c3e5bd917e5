import { fail } from '../../src-shared/errors';
import {
  signInResultSchema,
  signOutInputSchema,
  type SignInInput,
  type SignOutInput,
  type SignOutResult,
} from '../../src-shared/schemas/auth';
import type { Agent } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { readMeta, writeMeta } from '../repositories/meta-repository';
import { centralPaths } from '../../src-shared/http/endpoints';
import { postJson, type CentralConnection } from './http-transport';
import { RETENTION_META_KEY } from './local-retention';
import { scrubFreedPages, takeReplica } from './shared-desk';
import type { SyncEngine } from './sync-engine';

export interface SyncSessionOptions {
  connection: CentralConnection;
  centralUrl: string | null;
  engine: SyncEngine;
  /** Starts syncing for the session (poke socket, schedule); `stop` ends that, a sync under way goes on. */
  start: () => void;
  stop: () => void;
  onChange?: (() => void) | undefined;
}

/** Sign-in and sign-out on the central service, and the session's end when the service stops accepting it. */
export function createSyncSession(db: ReplicaDb, options: SyncSessionOptions) {
  const { connection, engine, start, stop } = options;
  return {
    /**
     * The central service no longer accepts the session (expired, revoked): no retry, the token goes, and the
     * sign-in screen says why. The outbox and the replica stay: the same agent signing in again pushes what
     * waited; another agent gets the desk as after a sign-out (shared-desk.ts).
     */
    endSession(): void {
      stop();
      const forget = () => {
        db.$client.transaction(() => {
          writeMeta(db, 'central_token', null);
          writeMeta(db, 'session_ended', 'SESSION_EXPIRED');
        })();
        options.onChange?.();
      };
      // The poke socket may say so while a page is being applied: the token goes once the page is in.
      if (engine.applyingPage()) void engine.settled().then(forget);
      else forget();
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
        if (result.policy?.publicUrl !== undefined) writeMeta(db, 'public_url', result.policy.publicUrl);
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
  };
}
