import type { WebSocket } from 'ws';
import { fail } from '../../src-shared/errors';
import {
  audienceFilter,
  passes,
  pullRequestSchema,
  pushRequestSchema,
  scopeOf,
  type PokeMessage,
  type RowFilter,
} from '../../src-shared/sync';
import type { Agent } from '../../src-shared/schemas/entities';
import { agentOf, createAuthenticateHook } from '../auth/authenticate';
import { liveSessionIds } from '../auth/session-repository';
import { everyDepartment, type ChangeNotice } from '../bus';
import { parseBody } from '../http/parse-body';
import type { CentralPlugin } from '../service';
import { purgeTombstones, TOMBSTONE_RETENTION_DAYS } from '../stores/postgres/horizon';
import { coalesceNotices } from '../pokes/notice-coalescer';
import type { CentralRegistry } from '../stores/postgres/pg-entity-tables';
import { pgPullFeed } from '../stores/postgres/pg-feed';
import { createPgSyncStore } from '../stores/postgres/pg-store';
import { PokeScheduler } from '../pokes/poke-scheduler';
import { pullAnswer, pullWindow } from './pull';
import { applyPush } from './push';
import { createPushRateLimiter } from './push-rate-limit';
import { pullAnswerJson } from './served-rows';
import type { SyncStore } from './store';
import { centralPaths } from '../../src-shared/http/endpoints';

/** A push of 500 mutations with long descriptions fits; anything larger is refused with a coded 413. */
export const pushBodyLimit = 8 * 1_048_576;

/**
 * The sync endpoints (docs/sync.md): push named mutations, pull changes, and a WebSocket that pokes a
 * workspace when its departments change. Pokes carry no data: the workspace pulls. `registry`: what the
 * default store syncs (the app's unless given; its extra migrations are the caller's, see service.ts).
 */
export function syncRoutes(options: { store?: SyncStore; registry?: CentralRegistry; sessionCheckMs?: number } = {}): CentralPlugin {
  return async (app, context) => {
    const { registry } = options;
    const store = options.store ?? {
      ...createPgSyncStore(context.database.db, registry === undefined ? {} : { registry }),
      feed: pgPullFeed(context.database.db, registry),
    };
    // Each poke socket with its agent and the departments they receive, kept current as admins change roles (see refreshScopes).
    const sockets = new Map<WebSocket, { agentId: string; sessionId: string; receives: RowFilter }>();
    // Push and pull read the agent again in their own transaction or snapshot: the session may come from memory.
    const authenticate = createAuthenticateHook(context.auth, { cached: true });

    const publish = coalesceNotices((notice) => context.bus.publish(notice));
    const pushRate = createPushRateLimiter({
      clock: context.clock,
      ratePerSecond: context.config.pushRatePerSecond,
      burst: context.config.pushBurst,
    });
    app.post(centralPaths.push, { onRequest: authenticate, bodyLimit: pushBodyLimit }, async (request) => {
      const agent = agentOf(request);
      const retryAfterSeconds = pushRate.take(agent.id);
      if (retryAfterSeconds > 0) throw fail('RATE_LIMITED', { retryAfterSeconds });
      const body = parseBody(pushRequestSchema, request.body);
      const outcome = await applyPush(store, agent.id, body, () => context.clock.now());
      // The push is committed: its answer does not wait for the notice (a hint to pull, which may queue for a
      // pooled connection behind pulls), and a notice that fails is logged, not a 5xx for a committed push.
      if (outcome.changed !== null)
        publish(outcome.changed).catch((error: unknown) => request.log.error({ err: error }, 'change notice not sent'));
      return outcome.response;
    });

    app.post(centralPaths.pull, { onRequest: authenticate }, async (request, reply) => {
      const agent = agentOf(request);
      const answer = await pullAnswer(store, agent.id, parseBody(pullRequestSchema, request.body));
      // Encoded once: a string body would be measured, then encoded again as it is written.
      return reply.type('application/json; charset=utf-8').send(Buffer.from(pullAnswerJson(answer)));
    });

    // Browsers cannot set headers on a WebSocket: the token comes as `?token=`, checked like a bearer token.
    app.get(centralPaths.poke, { websocket: true, onRequest: pokeAuthentication(app) }, (socket, request) => {
      const agent = agentOf(request);
      if (request.session === null) throw fail('ACCESS_DENIED');
      sockets.set(socket, { agentId: agent.id, sessionId: request.session.id, receives: departmentsReceived(agent) });
      socket.on('close', () => {
        sockets.delete(socket);
        pokes.forget(socket);
      });
      socket.on('message', () => undefined);
    });

    const pokes = new PokeScheduler<WebSocket>(
      () => sockets.size,
      (socket, version) => {
        if (socket.readyState !== socket.OPEN) return;
        socket.send(JSON.stringify({ type: 'poke', version } satisfies PokeMessage));
        // A poked workspace pulls at once: its glance waits a moment for those of the others poked with it.
        window?.expect(1);
      },
    );
    const window = store.feed === undefined ? null : pullWindow(store.feed, store.registry);
    // Started at once: replicas that caught up after this point pull from memory from their first poke.
    window?.reach(0).catch((error: unknown) => app.log.warn({ err: error }, 'pull window could not start'));
    let refreshed = Promise.resolve();
    const unsubscribe = context.bus.subscribe((notice: ChangeNotice) => {
      // The window starts loading the change now: the pulls the pokes cause then find it there, or join the load.
      window?.reach(notice.version).catch((error: unknown) => app.log.warn({ err: error }, 'pull window could not load'));
      // Pokes wait for a refresh of the scopes under way: a change made after it is poked by the new scopes.
      if (notice.departments.includes(everyDepartment)) {
        refreshed = refreshed.then(refreshScopes).catch((error: unknown) => app.log.warn({ err: error }, 'poke scopes not refreshed'));
      }
      void refreshed.then(() => {
        for (const [socket, { receives }] of sockets) if (concerns(notice, receives)) pokes.poke(socket, notice.version);
      });
    });
    /**
     * A notice for every department follows an agent's change (roles, disabling) or missed notices: the
     * sockets' scopes are read again, so an agent moved to another department is poked for it from now on,
     * and the socket of an agent disabled meanwhile closes.
     */
    const refreshScopes = async () => {
      const ids = [...new Set([...sockets.values()].map((entry) => entry.agentId))];
      if (ids.length === 0) return;
      const current = await store.read(
        async (reader) => new Map(await Promise.all(ids.map(async (id) => [id, await reader.agent(id)] as const))),
      );
      for (const [socket, entry] of sockets) {
        const agent = current.get(entry.agentId);
        if (agent === undefined) continue;
        if (agent === null) socket.close(4403, 'agent disabled');
        else entry.receives = departmentsReceived(agent);
      }
    };
    const stopSessionWatch = watchSessions(app, sockets, options.sessionCheckMs ?? SESSION_CHECK_MS);
    // Once a day, deletes older than the retention are forgotten (replicas away longer rebuild).
    const purge = setInterval(() => {
      const before = new Date(context.clock.now().getTime() - TOMBSTONE_RETENTION_DAYS * 86_400_000);
      purgeTombstones(context.database.db, before).catch((error: unknown) => app.log.error({ err: error }, 'tombstone purge failed'));
    }, 86_400_000);
    purge.unref();
    app.addHook('onClose', async () => {
      clearInterval(purge);
      stopSessionWatch();
      pokes.close();
      unsubscribe();
      for (const socket of sockets.keys()) socket.close(1001, 'server closing');
    });
  };
}

/** How often open poke sockets have their sessions checked (revoked elsewhere, expired). */
export const SESSION_CHECK_MS = 5_000;
/** The close code of a poke socket whose session ended: the workspace syncs at once and learns why. */
export const SESSION_ENDED_CLOSE = 4401;

/**
 * A poke socket lives no longer than its session: a sign-out closes it at once on every instance (through
 * the bus), a revocation or an expiry within `checkMs` (one query for all the sockets of the instance).
 */
function watchSessions(app: Parameters<CentralPlugin>[0], sockets: Map<WebSocket, { sessionId: string }>, checkMs: number): () => void {
  const context = app.central;
  const closeWhere = (ended: (sessionId: string) => boolean) => {
    for (const [socket, entry] of sockets) if (ended(entry.sessionId)) socket.close(SESSION_ENDED_CLOSE, 'session ended');
  };
  const unsubscribe = context.bus.subscribeSessionEnded((sessionId) => closeWhere((id) => id === sessionId));
  let checking = false;
  const check = async () => {
    if (checking || sockets.size === 0) return;
    checking = true;
    try {
      const ids = [...new Set([...sockets.values()].map((entry) => entry.sessionId))];
      const live = await liveSessionIds(context.database.db, ids, context.clock.now());
      closeWhere((id) => !live.has(id));
    } catch (error) {
      app.log.warn({ err: error }, 'poke sessions not checked');
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), checkMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}

/** The scope rule's filter for the rows of departments the agent receives. */
function departmentsReceived(agent: Agent): RowFilter {
  return audienceFilter({ scope: scopeOf(agent), reference: false }, 'departments');
}

function concerns(notice: ChangeNotice, receives: RowFilter): boolean {
  // Reference data and citizens (no department) and "everything" notices concern every workspace.
  return notice.departments.length === 0 || notice.departments.some((id) => id === everyDepartment || passes(receives, id));
}

function pokeAuthentication(app: Parameters<CentralPlugin>[0]) {
  return async (request: Parameters<typeof app.authenticate>[0], reply: Parameters<typeof app.authenticate>[1]) => {
    const token = (request.query as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0) throw fail('ACCESS_DENIED');
    request.headers.authorization = `Bearer ${token}`;
    await app.authenticate(request, reply);
  };
}
