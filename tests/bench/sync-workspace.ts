/**
 * Workspaces and lighter clients for `npm run bench:sync`.
 *
 * - A bench workspace is the real thing minus Electron: an encrypted file replica and the workspace's
 *   services (sync engine, HTTP transport, poke listener) as `createServices` builds them.
 * - A poke client is what the central service sees of a connected workspace: a poke WebSocket and, on
 *   each poke, a real pull with its own cursor (coalesced like the sync engine: one at a time, once more
 *   if poked meanwhile). It does not write the rows anywhere: the 200 clients of the throughput run live
 *   on other machines in real life, and only the load they put on the central service is measured.
 * - A pusher sends pre-built pushes of comments over HTTP, gap-free per client.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import WebSocket from 'ws';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { writeMeta } from '../../src-main/repositories/meta-repository';
import { createServices, type Services } from '../../src-main/services/services';
import { postJson, syncRequestChannel, type SyncRequestEvent } from '../../src-main/sync/http-transport';
import { sourceReplicaWriterFile } from '../../src-main/sync/replica-writer';
import { signInResultSchema } from '../../src-shared/schemas/auth';
import type { Agent } from '../../src-shared/schemas/entities';
import { REPLICA_FORMAT, scopeOf, type PullResponse, type PushRequest, type PushResponse, type SyncScope } from '../../src-shared/sync';
import { centralPaths, syncPathPrefix } from '../../src-shared/http/endpoints';

export const replicaMigrations = join(import.meta.dirname, '..', '..', 'drizzle', 'local');
export const demoAgentPassword = 'demo';

export interface BenchWorkspace {
  replica: Replica;
  services: Services;
  file: string;
  agent: Agent;
  token: string;
  close(): void;
}

export interface SignedIn {
  agent: Agent;
  token: string;
}

/** The sign-in call of the workspace, without the sync it starts: the bench decides when to sync. */
export async function signIn(centralUrl: string, email: string): Promise<SignedIn> {
  const result = signInResultSchema.parse(
    await postJson({ url: centralUrl, token: () => null }, centralPaths.signIn, { email, password: demoAgentPassword }, false),
  );
  return { agent: result.agent, token: result.token };
}

/**
 * A workspace on an empty encrypted replica in `dir`, signed in as `identity` (what the sign-in screen
 * stores), not syncing yet: call `services.sync.engine.sync()` or `services.sync.start()`.
 */
export function openWorkspace(dir: string, name: string, centralUrl: string, identity: SignedIn): BenchWorkspace {
  const file = join(dir, `${name}.db`);
  const key = randomBytes(32);
  const replica = openReplica({ file, key, migrationsFolder: replicaMigrations });
  // As createCore builds them: a first sync into this empty file takes the bulk path.
  const services = createServices(replica.db, { centralUrl, bulk: { key, workerFile: sourceReplicaWriterFile } });
  // What sync-service.signIn writes, in one transaction, before it starts syncing.
  replica.db.$client.transaction(() => {
    writeMeta(replica.db, 'central_token', identity.token);
    writeMeta(replica.db, 'central_agent', JSON.stringify(identity.agent));
    writeMeta(replica.db, 'agent_id', identity.agent.id);
  })();
  return {
    replica,
    services,
    file,
    agent: identity.agent,
    token: identity.token,
    close: () => {
      void services.sync.shutdown();
      replica.close();
    },
  };
}

/** Resolves at the first `services.changes()` event after which `check` holds (checked at once too). */
export function whenReplica(workspace: BenchWorkspace, check: () => boolean, timeoutMs: number): Promise<number> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  return (async () => {
    try {
      if (check()) return performance.now();
      for await (const _ of workspace.services.changes(controller.signal)) {
        if (check()) return performance.now();
      }
      throw new Error('unreachable');
    } catch (error) {
      if (controller.signal.aborted) throw new Error(`not visible after ${timeoutMs} ms`, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  })();
}

export interface PokeClientStats {
  pokes: number;
  pulls: number;
  pullMs: number[];
  errors: number;
}

/** A connected workspace as the central service sees it: poke socket + pulls (see the file comment). */
export class PokeClient {
  readonly clientId = uuidv7();
  readonly stats: PokeClientStats = { pokes: 0, pulls: 0, pullMs: [], errors: 0 };
  private socket: WebSocket | null = null;
  private pulling: Promise<void> | null = null;
  private again = false;
  private cursor: number;
  private readonly scope: SyncScope;
  pullOnPoke = true;

  constructor(
    private readonly centralUrl: string,
    private readonly identity: SignedIn,
    head: number,
  ) {
    // Caught up at `head` for the agent's scope, as a workspace that has been syncing all along.
    this.cursor = head;
    this.scope = scopeOf(identity.agent);
  }

  connect(): Promise<void> {
    const url = new URL(centralPaths.poke, this.centralUrl.replace(/^http/, 'ws'));
    url.searchParams.set('token', this.identity.token);
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on('message', () => {
      this.stats.pokes++;
      if (this.pullOnPoke) this.poke();
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  }

  private poke(): void {
    if (this.pulling !== null) {
      this.again = true;
      return;
    }
    this.pulling = (async () => {
      try {
        do {
          this.again = false;
          await this.pullAll();
        } while (this.again);
      } catch {
        this.stats.errors++;
      } finally {
        this.pulling = null;
      }
    })();
  }

  private async pullAll(): Promise<void> {
    for (;;) {
      const started = performance.now();
      const response = await postJson<PullResponse>({ url: this.centralUrl, token: () => this.identity.token }, centralPaths.pull, {
        clientId: this.clientId,
        replicaFormat: REPLICA_FORMAT,
        cursor: this.cursor,
        scope: this.scope,
        bootstrap: null,
        pageSize: 5_000,
      });
      this.stats.pulls++;
      this.stats.pullMs.push(performance.now() - started);
      if (response.kind !== 'patch') throw new Error(`pull answered ${response.kind}`);
      this.cursor = response.cursor;
      if (!response.more) return;
    }
  }

  /** Resolves once no pull is running. */
  async idle(): Promise<void> {
    while (this.pulling !== null) await this.pulling;
  }

  close(): void {
    this.socket?.close();
  }
}

export interface CaseTarget {
  id: string;
  departmentId: string;
}

/** Sends comments on `cases` (chosen round-robin from `offset`) as one client: ids 1, 2, 3… */
export class Pusher {
  readonly clientId = uuidv7();
  private lastMutationId = 0;
  private turn: number;

  constructor(
    private readonly centralUrl: string,
    private readonly identity: SignedIn,
    private readonly cases: readonly CaseTarget[],
    offset: number,
  ) {
    this.turn = offset;
  }

  /** The next push of `count` comments (built before the clock starts, so only the push is timed). */
  build(count: number): PushRequest {
    const createdAt = new Date().toISOString();
    const mutations = Array.from({ length: count }, () => {
      const target = this.cases[this.turn++ % this.cases.length] as CaseTarget;
      return {
        mutationId: ++this.lastMutationId,
        name: 'case.comment',
        createdAt,
        args: {
          caseId: target.id,
          visibility: 'internal',
          body: `Rappel du citoyen n° ${this.lastMutationId} : toujours pas réparé.`,
          eventId: uuidv7(),
        },
      };
    });
    return { clientId: this.clientId, replicaFormat: REPLICA_FORMAT, mutations };
  }

  /** The next push of these mutations, ids continuing this client's sequence. */
  buildMutations(list: readonly { name: string; args: unknown }[]): PushRequest {
    const createdAt = new Date().toISOString();
    const mutations = list.map(({ name, args }) => ({ mutationId: ++this.lastMutationId, name, createdAt, args }));
    return { clientId: this.clientId, replicaFormat: REPLICA_FORMAT, mutations };
  }

  async send(request: PushRequest): Promise<PushResponse> {
    const response = await postJson<PushResponse>({ url: this.centralUrl, token: () => this.identity.token }, centralPaths.push, request);
    const refused = response.results.find((result) => result.outcome !== 'applied');
    if (refused !== undefined) throw new Error(`push refused mutation ${refused.mutationId}: ${JSON.stringify(refused.error)}`);
    return response;
  }
}

export interface HttpExchange {
  path: string;
  clientId: string | null;
  /** The page size a pull asked for. */
  pageSize: number | null;
  start: number;
  end: number;
}

/**
 * Records the workspace side's sync requests (path, client id, page size, start, end) from the transport's
 * diagnostics channel, to split a propagation into its legs. Uninstall to stop recording.
 */
export function recordSyncRequests(): { exchanges: HttpExchange[]; uninstall(): void } {
  const exchanges: HttpExchange[] = [];
  const record = (message: unknown) => {
    const { path, request, start, end } = message as SyncRequestEvent;
    if (!path.startsWith(syncPathPrefix)) return;
    const { clientId, pageSize } = request as { clientId?: unknown; pageSize?: unknown };
    exchanges.push({
      path,
      clientId: typeof clientId === 'string' ? clientId : null,
      pageSize: typeof pageSize === 'number' ? pageSize : null,
      start,
      end,
    });
  };
  syncRequestChannel.subscribe(record);
  return {
    exchanges,
    uninstall: () => syncRequestChannel.unsubscribe(record),
  };
}
