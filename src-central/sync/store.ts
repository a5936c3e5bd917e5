import type { Effect } from '../../src-shared/mutations';
import type { Agent, Case, Category, Citizen } from '../../src-shared/schemas/entities';
import type { EntityName, ListName, PushResult, RowOf, RowSet, SyncRegistry, SyncScope } from '../../src-shared/sync';
import type { CentralDb } from '../db/central-db-types';
import type { ServedRowSet } from './served-rows';

/**
 * What the sync engine needs from storage. Two implementations: PostgreSQL/PGlite (production) and an
 * in-memory one with the same semantics (the simulation runs hundreds of seeds on it, and a share of them
 * on the real databases).
 */
export interface SyncStore {
  /** What it syncs: the entities it stores and the mutations it applies (the app's, or an injected registry). */
  readonly registry: SyncRegistry;
  /**
   * Runs `fn` atomically, serialised with every other push (the version counter is the lock). Concurrent
   * pushes may share one transaction (group commit): each sees the writes of those before it, and `fn`
   * throwing discards its own writes only. `preload` names rows `fn` will likely read, so a group loads
   * them together (a hint: other reads still work). `origin` sizes the groups (a replica's by default).
   */
  push<T>(fn: (tx: PushTx) => Promise<T>, preload?: PushPreload, origin?: PushOrigin): Promise<T>;
  /** Runs `fn` on a consistent snapshot. */
  read<T>(fn: (reader: PullReader) => Promise<T>): Promise<T>;
  /** When present, pulls of replicas that are nearly caught up are answered from an in-memory window (pull-window.ts). */
  feed?: PullFeed;
}

export interface EntityReader {
  agent(id: string): Promise<Agent | null>;
  case(id: string): Promise<Case | null>;
  citizen(id: string): Promise<Citizen | null>;
  category(id: string): Promise<Category | null>;
}

/** Who pushes: a replica (its mutations, any number of them) or the service itself (a few rows: a public answer). */
export type PushOrigin = 'replica' | 'service';

/** Ids a push will likely read, by entity (ids need not exist; each must be a uuid). */
export interface PushPreload {
  agents: string[];
  clients: string[];
  cases: string[];
  citizens: string[];
  categories: string[];
  /** Rows of any registered entity (the service's own writes: a public answer reads its survey and its own id). */
  rows?: { entity: string; id: string }[];
}

export interface SyncClient {
  clientId: string;
  agentId: string;
  lastMutationId: number;
}

export interface LoggedMutation {
  clientId: string;
  mutationId: number;
  agentId: string;
  name: string;
  args: unknown;
  result: PushResult;
  version: number | null;
}

/**
 * Who made a change and through which mutation, for its audit rows; `version` stamps the rows it writes. The
 * service's own writes (a citizen's answer on a public page, a campaign's progress) have no agent nor mutation.
 */
export interface AuditStamp {
  version: number;
  agentId: string | null;
  at: string;
  action: string;
  clientId: string | null;
  mutationId: number | null;
}

export interface PushTx extends EntityReader {
  client(clientId: string): Promise<SyncClient | null>;
  saveClient(client: SyncClient): Promise<void>;
  loggedMutation(clientId: string, mutationId: number): Promise<LoggedMutation | null>;
  logMutation(entry: LoggedMutation): Promise<void>;
  /** Any registered entity's row by id, as its entity (`MutationReader.row`). */
  row(entity: string, id: string): Promise<Record<string, unknown> | null>;
  /** The next global version, in commit order: pulls by `version > cursor` never skip a late commit. */
  nextVersion(): Promise<number>;
  /** Writes a mutator's effects stamped with `version`, with tombstones for rows leaving a department, and audit rows. */
  apply(effects: readonly Effect[], stamp: AuditStamp): Promise<{ departments: string[] }>;
  /**
   * The push transaction itself (PostgreSQL/PGlite stores only), for a service write's SQL on the central-only
   * tables the registry does not sync (an email invitation marked answered with its response) or reads beyond
   * the entity readers (a respondent's recent cases). It runs at once, in the same transaction as the member's
   * effects, under a savepoint: should the member be refused, its SQL is rolled back with its effects, and the
   * other members of the group keep theirs. Replicated rows are still written with `apply` only.
   */
  sql?(): Promise<CentralDb>;
}

export interface VersionedRows<Rows = RowSet> {
  rows: Rows;
  /** The highest version among the rows returned (0 when none). */
  maxVersion: number;
  /** True when rows beyond `maxVersion` remain. */
  more: boolean;
}

export interface PullReader extends EntityReader {
  /** The last committed version. */
  head(): Promise<number>;
  /** Tombstones at or below this version are purged: a cursor older than it cannot be caught up. */
  horizon(): Promise<number>;
  client(clientId: string): Promise<SyncClient | null>;
  /**
   * Rows of `scope` (plus the city-wide reference data when `reference`) with `after < version <= upTo`,
   * in version order, about `limit` of them but never splitting a version.
   */
  changes(query: {
    scope: SyncScope;
    reference: boolean;
    after: number;
    upTo: number;
    limit: number;
  }): Promise<VersionedRows<ServedRowSet>>;
  /** Rows that left `scope`'s departments (moved or deleted) with `after < version <= upTo`. */
  departures(query: { scope: SyncScope; after: number; upTo: number }): Promise<{ entity: EntityName; id: string }[]>;
  /**
   * Cases of which a replica that held `departments` up to version `after` may hold events but not the case
   * (a page brings an event before its case when the case changed since): those in these departments, or that
   * left them, with a version above `after`. A pull that drops the departments deletes them.
   */
  strays(query: { departments: readonly string[]; after: number }): Promise<string[]>;
}

/** What a pull needs to know first, read in one snapshot (one round trip on PostgreSQL). */
export interface PullGlance {
  head: number;
  horizon: number;
  /** The agent unless disabled, with roles. */
  agent: Agent | null;
  client: SyncClient | null;
}

/** One row of the change feed: its latest state, version and department (null for entities without one). */
export type FeedRow = {
  [L in ListName]: { list: L; entity: EntityName; row: RowOf<L>; version: number; departmentId: string | null };
}[ListName];

export interface FeedTombstone {
  entity: EntityName;
  id: string;
  departmentId: string;
  version: number;
}

/** Every change with `after < version <= head`, whatever its department, as of one snapshot at `head`. */
export interface FeedBatch {
  head: number;
  rows: FeedRow[];
  tombstones: FeedTombstone[];
}

/** The reads behind the in-memory pull window, shared by every puller of an instance. */
export interface PullFeed {
  /** The glances of several pulls at once, in one snapshot, in the order asked. */
  glance(queries: readonly { clientId: string; agentId: string }[]): Promise<PullGlance[]>;
  /** `after` null: only the head (an empty window starts there). */
  since(after: number | null): Promise<FeedBatch>;
}
