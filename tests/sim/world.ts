import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createPrng, type Prng } from '../../src-shared/demo/prng';
import {
  pullRequestSchema,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncScope,
} from '../../src-shared/sync';
import type { Agent, Category, Department } from '../../src-shared/schemas/entities';
import { applyPush } from '../../src-central/sync/push';
import { servePull } from '../../src-central/sync/pull';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { createRepositories } from '../../src-main/repositories/repositories';
import { createServices, type Services } from '../../src-main/services/services';
import { appReplicaRegistry, type ReplicaRegistry } from '../../src-main/sync/replica-tables';
import { SyncEngine, type SyncTransport } from '../../src-main/sync/sync-engine';
import { scopeViolations } from './checks';
import type { SimServer } from './sim-server';

const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'local');
const DAY = 86_400_000;

export class NetworkDown extends Error {
  constructor(what: string) {
    super(`network: ${what}`);
  }
}

/** The faults a message may meet on its way, drawn from the seed. */
export interface Faults {
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
}

export const noFaults: Faults = { dropRequest: 0, dropResponse: 0, duplicate: 0 };

/** One agent's workspace: a real SQLite replica, the real services and sync engine, a skewed clock. */
export class SimReplica {
  readonly replica: Replica;
  services: Services;
  engine: SyncEngine;
  offlineUntil = 0;
  lastPush: PushRequest | null = null;
  readonly cursors: number[] = [];
  /** Rows held outside the agent's scope, found as the next page was asked for (see `transport`). */
  readonly pageViolations: string[] = [];
  pagesChecked = 0;
  /** The agent's scope on the server when the last patch reached this replica. */
  private answeredScope: SyncScope | null = null;

  constructor(
    readonly world: World,
    readonly agent: Agent,
    readonly skewMs: number,
  ) {
    this.replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder, extraMigrations: world.registry.migrations });
    this.services = this.createServices();
    this.engine = this.createEngine();
  }

  now(): Date {
    return new Date(this.world.now + this.skewMs);
  }

  get registry(): ReplicaRegistry {
    return this.world.registry;
  }

  private createServices(): Services {
    return createServices(this.replica.db, {
      clock: { now: () => this.now() },
      random: () => this.world.prng.float(),
      registry: this.world.registry,
    });
  }

  private createEngine(): SyncEngine {
    return new SyncEngine(this.replica.db, createRepositories(this.replica.db), this.transport(), {
      clock: { now: () => this.now() },
      pageSize: 40,
      registry: this.world.registry,
    });
  }

  /** The process dies and starts again: committed rows stay, everything in memory is gone. */
  restart(): void {
    this.services = this.createServices();
    this.engine = this.createEngine();
  }

  online(): boolean {
    return this.world.now >= this.offlineUntil;
  }

  private transport(): SyncTransport {
    const deliver = async <T>(send: () => Promise<T>): Promise<T> => {
      const { prng, faults } = this.world;
      if (!this.online()) throw new NetworkDown('partitioned');
      if (prng.chance(faults.dropRequest)) throw new NetworkDown('request lost');
      let response = await send();
      if (prng.chance(faults.duplicate)) response = await send();
      // The server committed; the answer never arrives (as if the workspace crashed before reading it).
      if (prng.chance(faults.dropResponse)) throw new NetworkDown('response lost');
      return structuredClone(response);
    };
    return {
      push: (request: PushRequest): Promise<PushResponse> => {
        this.lastPush = structuredClone(request);
        return deliver(
          async () =>
            (await applyPush(this.world.server.store, this.agent.id, structuredClone(request), () => new Date(this.world.now))).response,
        );
      },
      pull: async (request: PullRequest): Promise<PullResponse> => {
        // Every page is checked, not only a whole sync: the last patch that arrived was applied (or failed to
        // be, leaving the replica as it was) before the engine asks again, in this sync or the next.
        if (this.answeredScope !== null) {
          this.pageViolations.push(...(await scopeViolations(this, this.answeredScope, { server: this.world.server })));
          this.pagesChecked++;
        }
        const response = await deliver(() =>
          servePull(this.world.server.store, this.agent.id, pullRequestSchema.parse(structuredClone(request))),
        );
        this.answeredScope = response.kind === 'patch' ? await this.world.server.agentScope(this.agent.id) : null;
        return response;
      },
    };
  }
}

export interface City {
  departments: Department[];
  categories: Category[];
  agents: Agent[];
}

/** The whole simulated city: the central store, the replicas, a virtual clock, the seed's randomness. */
export class World {
  readonly prng: Prng;
  readonly replicas: SimReplica[] = [];
  now = Date.parse('2026-03-02T08:00:00.000Z');
  faults: Faults;

  /** `registry`: what the replicas sync, the server's (the app's unless a test injects a larger one). */
  constructor(
    readonly seed: number,
    readonly city: City,
    readonly server: SimServer,
    readonly registry: ReplicaRegistry = appReplicaRegistry,
  ) {
    this.prng = createPrng(seed);
    this.faults = {
      dropRequest: this.prng.float() * 0.15,
      dropResponse: this.prng.float() * 0.15,
      duplicate: this.prng.float() * 0.1,
    };
  }

  addReplica(agent: Agent): SimReplica {
    const skew = (this.prng.float() - 0.5) * 6 * 3_600_000;
    const replica = new SimReplica(this, agent, skew);
    this.replicas.push(replica);
    return replica;
  }

  advance(ms: number): void {
    this.now += ms;
  }

  partition(replica: SimReplica, days: number): void {
    replica.offlineUntil = this.now + days * DAY;
  }

  close(): void {
    for (const replica of this.replicas) replica.replica.close();
  }
}
