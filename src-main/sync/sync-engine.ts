import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  pushResponseSchema,
  REPLICA_FORMAT,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../src-shared/sync';
import type { Clock } from '../../src-shared/domain/clock';
import { fail } from '../../src-shared/errors';
import { replicaDamage } from '../db/damage-marker';
import type { ReplicaDb } from '../db/open-replica';
import { damageCode } from '../db/replica-damage';
import { clientId, type PendingMutation } from '../repositories/outbox-repository';
import type { Repositories } from '../repositories/repositories';
import { BulkBootstrap, bulkMode, type BulkOptions } from './bulk-bootstrap';
import { CentralFault, CentralUnreachable } from './http-transport';
import { parseEnvelope, sliceSteps } from './page-slices';
import { OffThreadCheckpoint } from './off-thread-checkpoint';
import { rebase, resetReplica, type Pace } from './rebase';
import type { Step } from './replica-apply';
import { appReplicaRegistry, type ReplicaRegistry } from './replica-tables';
import { readSyncState } from './sync-state';

/** How a replica reaches the central service: HTTP in the workspace, in-process in the simulation. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

export interface SyncStatus {
  pending: number;
  inbox: number;
  lastSyncAt: string | null;
  online: boolean;
  /** During a bootstrap or a long catch-up: how far the replica is (0–1), else null. */
  progress: number | null;
  upgradeRequired: boolean;
  /**
   * Why the last run failed: the central service could not be reached (network), or it answered with
   * errors (a refusal of the whole push, a 5xx); null after a run that succeeded.
   */
  failure: SyncFailure | null;
}

export type SyncFailure = 'unreachable' | 'errors';

function failureOf(error: unknown): SyncFailure {
  return error instanceof CentralUnreachable && !(error instanceof CentralFault) ? 'unreachable' : 'errors';
}

const PUSH_BATCH = 200;
// Each page is applied in one SQLite transaction on this connection (in slices, see rebase.ts).
const PULL_PAGE = 1_000;
// The bulk bootstrap writes on another thread: bigger pages cost the central service fewer requests.
const BULK_PULL_PAGE = 5_000;

/**
 * Push the outbox, then pull until caught up, rebasing each page. One run at a time; a request made while
 * running runs once more after it. A push that fails does not stop the pull: the replica keeps receiving
 * the others' changes while its own wait (the run still fails, so the caller backs off and retries).
 */
export class SyncEngine {
  private running: Promise<void> | null = null;
  private again = false;
  private online = false;
  private failure: SyncFailure | null = null;
  /** The first mutation of a push whose answer was not read: the pulls that follow must not drop it. */
  private unheardFrom: number | null = null;
  private progress: number | null = null;
  private upgradeRequired = false;
  private bulk: BulkBootstrap | null = null;
  /**
   * Set once a pull brought the replica up to date: the bulk bootstrap (first sync of an empty replica) cannot
   * apply again until a reset empties it, so the pulls that pokes cause skip its checks (a dozen reads each).
   */
  private caughtUp = false;
  private id: string | null = null;
  /** A page being applied: its transaction is open between slices (rebase.ts). */
  private applying: Promise<void> | null = null;
  private readonly checkpoint: OffThreadCheckpoint;
  private readonly registry: ReplicaRegistry;

  constructor(
    private readonly db: ReplicaDb,
    private readonly repos: Repositories,
    private readonly transport: SyncTransport,
    private readonly options: {
      clock?: Clock;
      pageSize?: number;
      onChange?: () => void;
      bulk?: BulkOptions;
      /** How a page's rebase slices its work (tests: a new Pace(0) per page yields at every unit). */
      pace?: () => Pace;
      /** What the pages carry and the outbox's mutations write (the app's registry by default). */
      registry?: ReplicaRegistry;
    } = {},
  ) {
    this.checkpoint = new OffThreadCheckpoint(db, options.bulk);
    this.registry = options.registry ?? appReplicaRegistry;
  }

  status(): SyncStatus {
    const pending = this.repos.outbox.count();
    const inbox = this.repos.syncInbox.openCount();
    return {
      pending,
      inbox,
      lastSyncAt: readSyncState(this.db).lastSyncAt,
      online: this.online,
      progress: this.progress,
      upgradeRequired: this.upgradeRequired,
      failure: this.failure,
    };
  }

  /**
   * Runs a sync; rejects with the transport's error when the central service cannot be reached, and with
   * REPLICA_DAMAGED_RESTART once the replica file was found damaged (db/damage-marker.ts): it writes no more.
   */
  sync(): Promise<void> {
    const damage = replicaDamage(this.db);
    if (damage.current() !== null) return Promise.reject(fail('REPLICA_DAMAGED_RESTART'));
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      try {
        do {
          this.again = false;
          const pushed = await this.pushAll().then(
            () => null,
            (error: unknown) => {
              if (damageCode(error) !== null) throw error;
              return { error };
            },
          );
          await this.pullAll();
          if (pushed !== null) throw pushed.error;
        } while (this.again);
        this.online = true;
        this.failure = null;
      } catch (error) {
        this.online = false;
        this.failure = failureOf(error);
        throw damage.check(error) ?? error;
      } finally {
        this.running = null;
        this.progress = null;
        void this.checkpoint.start();
        this.options.onChange?.();
      }
    };
    this.running = run();
    return this.running;
  }

  /**
   * Resolves once no page is being applied. Between the slices of a page the replica is mid-transaction
   * (rebase.ts): whoever reads or writes it on this connection, outside the sync, waits for this first.
   */
  async settled(): Promise<void> {
    while (this.applying !== null) await this.applying.catch(() => undefined);
  }

  /** A page is being applied (see settled()). */
  applyingPage(): boolean {
    return this.applying !== null;
  }

  /** A bulk bootstrap is writing on its own thread: nothing else may write to the replica meanwhile. */
  bootstrapping(): boolean {
    return this.bulk !== null;
  }

  /** Stops a bulk bootstrap under way (sign-out, shutdown); it resumes at the next sync. */
  async stop(): Promise<void> {
    await Promise.all([this.bulk?.stop(), this.checkpoint.stop()]);
  }

  /** Resolves once no sync runs (whatever its outcome): a sign-in waits for it before the replica changes hands. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running.catch(() => undefined);
  }

  /** The replica changed hands (shared desk): its client id and state are read afresh at the next sync. */
  forgetReplica(): void {
    this.id = null;
    this.caughtUp = false;
    this.upgradeRequired = false;
  }

  /** The replica's client id never changes while one agent holds it (a reset keeps it: the outbox's ids are numbered by it). */
  private clientId(): string {
    this.id ??= clientId(this.db);
    return this.id;
  }

  private now(): Date {
    return this.options.clock?.now() ?? new Date();
  }

  /** Sends the whole outbox in order; a resend of what the server already has is answered from its log. */
  private async pushAll(): Promise<void> {
    let after = 0;
    for (;;) {
      const batch = this.repos.outbox.batchAfter(after, PUSH_BATCH);
      if (batch.length === 0) {
        this.unheardFrom = null;
        return;
      }
      let response: PushResponse;
      try {
        response = pushResponseSchema.parse(
          await this.transport.push({
            clientId: this.clientId(),
            replicaFormat: REPLICA_FORMAT,
            mutations: batch.map(({ mutationId, name, args, createdAt }) => ({ mutationId, name, args, createdAt })),
          }),
        );
      } catch (error) {
        // The server may have ruled on them all the same (an answer lost on the way).
        this.unheardFrom = Math.min(this.unheardFrom ?? Number.POSITIVE_INFINITY, (batch[0] as (typeof batch)[number]).mutationId);
        throw error;
      }
      // The outbox keeps them until a pull brings the server's rows: the rebase drops them then.
      this.recordRefusals(batch, response);
      after = (batch.at(-1) as (typeof batch)[number]).mutationId;
    }
  }

  /** Every refusal reaches the sync inbox with its reason and what the agent entered, once. */
  private recordRefusals(batch: PendingMutation[], response: PushResponse): void {
    const refusedAt = this.now().toISOString();
    const refused = response.results.flatMap((result) => {
      if (result.outcome === 'applied' || result.error === null) return [];
      const mutation = batch.find((m) => m.mutationId === result.mutationId);
      if (mutation === undefined) return [];
      const { mutationId, agentId, name, args, createdAt } = mutation;
      return [{ mutationId, agentId, name, args, outcome: result.outcome, error: result.error, createdAt, refusedAt }];
    });
    this.repos.syncInbox.record(refused);
  }

  /** The central's answer as it came: the caller validates it. */
  private async pullRequest(state: Pick<PullRequest, 'cursor' | 'scope' | 'bootstrap'>, pageSize: number): Promise<unknown> {
    const request = {
      clientId: this.clientId(),
      replicaFormat: REPLICA_FORMAT,
      cursor: state.cursor,
      scope: state.scope,
      bootstrap: state.bootstrap,
      pageSize,
    };
    const response: unknown = await this.transport.pull(request);
    // The central service answered: online, even while a long bootstrap goes on.
    this.online = true;
    return response;
  }

  /** The bulk path when it applies: 'done', or the answer it left to the normal path (reset, upgrade); null when it does not apply. */
  private async bulkPull(): Promise<PullResponse | 'done' | null> {
    if (this.options.bulk === undefined || this.caughtUp || bulkMode(this.db, this.registry) === null) return null;
    // Written once, here: this thread must not write while the writer thread holds the replica.
    this.clientId();
    const bulk = new BulkBootstrap({
      db: this.db,
      options: this.options.bulk,
      request: (state, first) => this.pullRequest(state, this.options.pageSize ?? (first ? PULL_PAGE : BULK_PULL_PAGE)),
      now: () => this.now(),
      registry: this.registry,
      onProgress: (progress) => {
        this.progress = progress;
        this.options.onChange?.();
      },
    });
    this.bulk = bulk;
    try {
      return (await bulk.execute()) ?? 'done';
    } finally {
      this.bulk = null;
    }
  }

  private async pullAll(): Promise<void> {
    const bulk = await this.bulkPull();
    if (bulk === 'done') return;
    let answer: unknown = bulk;
    for (;;) {
      if (answer === null) {
        answer = await this.pullRequest(readSyncState(this.db), this.options.pageSize ?? PULL_PAGE);
        // The answer was just parsed from JSON in one block: the loop breathes before more.
        await yieldToLoop();
      }
      const page = parseEnvelope(answer, this.registry);
      answer = null;
      if (page.kind === 'upgrade-required') {
        this.upgradeRequired = true;
        return;
      }
      if (page.kind === 'reset') {
        resetReplica(this.db, this.registry);
        this.caughtUp = false;
        continue;
      }
      // Validated and turned into SQL in slices, before the page's transaction opens.
      const steps: Step[] = [];
      for await (const slice of sliceSteps(page, this.registry)) for (const step of slice) steps.push(step);
      await this.apply({ ...page, steps });
      this.progress = page.more && page.head > 0 ? Math.min(1, page.cursor / page.head) : null;
      this.options.onChange?.();
      if (!page.more) {
        this.caughtUp = true;
        return;
      }
    }
  }

  private async apply(page: Parameters<typeof rebase>[2]): Promise<void> {
    const heardUpTo = this.unheardFrom === null ? undefined : this.unheardFrom - 1;
    const applying = rebase(this.db, this.repos, page, this.now(), {
      heardUpTo,
      registry: this.registry,
      commit: (commit, rows) => this.checkpoint.commit(commit, rows),
      ...(this.options.pace ? { pace: this.options.pace() } : {}),
    });
    this.applying = applying;
    try {
      await applying;
    } finally {
      this.applying = null;
    }
  }
}
