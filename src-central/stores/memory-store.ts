import type { Effect } from '../../src-shared/mutations';
import type { AgentRole } from '../../src-shared/schemas/entities';
import {
  appSyncRegistry,
  audienceFilter,
  passes,
  type EntityDeclaration,
  type EntityName,
  type ListName,
  type RowOf,
  type RowSet,
  type ScopeQuery,
  type SyncRegistry,
} from '../../src-shared/sync';
import type { FeedBatch, FeedRow, LoggedMutation, PullFeed, PullReader, PushTx, SyncClient, SyncStore, VersionedRows } from '../sync/store';
import { pageByVersion } from '../sync/version-page';

/** A row as stored: its latest state, version and department (found as its registry entry says). */
export interface Versioned<T> {
  row: T;
  version: number;
  departmentId: string | null;
}

type Stored = Versioned<{ id: string } & Record<string, unknown>>;

interface Tombstone {
  entity: EntityName;
  id: string;
  departmentId: string;
  version: number;
}

/**
 * The sync store in memory, with the PostgreSQL store's semantics: every operation is serialised (as
 * pushers are by the version counter, and as a snapshot read sees no half-applied push). One map an entity
 * of the registry, which also drives its effects, scope and feed.
 */
export class MemorySyncStore implements SyncStore {
  private readonly tables: Map<string, Map<string, Stored>>;
  readonly clients = new Map<string, SyncClient>();
  readonly mutationLog = new Map<string, LoggedMutation>();
  readonly tombstones: Tombstone[] = [];
  readonly audit: { version: number; agentId: string | null; action: string; entity: string; id: string }[] = [];
  version = 0;
  horizonVersion = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** `registry`: what it stores and applies (the app's by default, a test's larger one). */
  constructor(readonly registry: SyncRegistry = appSyncRegistry) {
    this.tables = new Map(registry.entities.map((declared) => [declared.list, new Map()]));
  }

  /** The rows of one entity, by id. */
  rows<L extends ListName>(list: L): Map<string, Versioned<RowOf<L>>> {
    return this.table(list) as unknown as Map<string, Versioned<RowOf<L>>>;
  }

  private table(list: string): Map<string, Stored> {
    const table = this.tables.get(list);
    if (table === undefined) throw new Error(`No entity list ${list}`);
    return table;
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  push<T>(fn: (tx: PushTx) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      // A failed push leaves nothing behind, as a rolled-back transaction would.
      const snapshot = this.snapshot();
      try {
        return await fn(this.pushTx());
      } catch (error) {
        this.restore(snapshot);
        throw error;
      }
    });
  }

  read<T>(fn: (reader: PullReader) => Promise<T>): Promise<T> {
    return this.serialised(() => fn(this.pullReader()));
  }

  /** Server-side administration (not a client mutation): an agent's roles change. */
  setAgentRoles(agentId: string, roles: AgentRole[]): Promise<void> {
    return this.serialised(async () => {
      const agent = this.rows('agents').get(agentId);
      if (agent === undefined) throw new Error(`no agent ${agentId}`);
      this.rows('agents').set(agentId, { ...agent, row: { ...agent.row, roles }, version: ++this.version });
    });
  }

  /** Loads reference and demo rows, each batch under its own version (parents before their children). */
  load(batch: Partial<RowSet>): void {
    const version = ++this.version;
    for (const declared of this.registry.entities) {
      const table = this.table(declared.list);
      for (const row of ((batch as Record<string, unknown[]>)[declared.list] ?? []) as Stored['row'][]) {
        table.set(row.id, { row, version, departmentId: this.departmentOf(declared, row) });
      }
    }
  }

  /** A row's department as its entity declares it: its own field, its parent's department, or none. */
  private departmentOf(declared: EntityDeclaration, row: Record<string, unknown>): string | null {
    const source = declared.department;
    if (source.kind === 'none') return null;
    if (source.kind === 'own') return row[source.field] as string;
    const parent = this.table(this.registry.entityNamed(source.entity).list).get(row[source.field] as string);
    return parent?.departmentId ?? null;
  }

  private snapshot() {
    const maps: Map<string, unknown>[] = [...this.tables.values(), this.clients, this.mutationLog];
    return {
      maps: maps.map((map) => [map, new Map(map)] as const),
      tombstones: this.tombstones.length,
      audit: this.audit.length,
      version: this.version,
    };
  }

  private restore(snapshot: ReturnType<MemorySyncStore['snapshot']>): void {
    for (const [map, copy] of snapshot.maps) {
      map.clear();
      for (const [key, value] of copy) map.set(key, value);
    }
    this.tombstones.length = snapshot.tombstones;
    this.audit.length = snapshot.audit;
    this.version = snapshot.version;
  }

  private entityReader() {
    const read = (list: ListName) => async (id: string) => structuredClone(this.table(list).get(id)?.row ?? null) as never;
    return {
      agent: read('agents'),
      case: read('cases'),
      citizen: read('citizens'),
      category: read('categories'),
      client: async (id: string) => {
        const client = this.clients.get(id);
        return client === undefined ? null : { ...client };
      },
    };
  }

  private pushTx(): PushTx {
    return {
      ...this.entityReader(),
      row: async (entity, id) => structuredClone(this.table(this.registry.entityNamed(entity).list).get(id)?.row ?? null),
      saveClient: async (client) => void this.clients.set(client.clientId, { ...client }),
      loggedMutation: async (clientId, mutationId) => this.mutationLog.get(`${clientId}:${mutationId}`) ?? null,
      logMutation: async (entry) => void this.mutationLog.set(`${entry.clientId}:${entry.mutationId}`, structuredClone(entry)),
      nextVersion: async () => ++this.version,
      apply: async (effects, stamp) => this.apply(effects, stamp),
    };
  }

  /** The memory store's effect interpreter: each effect written as its entity's registry entry says. */
  private apply(effects: readonly Effect[], stamp: { version: number; agentId: string | null; action: string }) {
    const { version } = stamp;
    const departments = new Set<string>();
    for (const effect of effects) {
      const id = effect.op === 'insert' ? effect.row.id : effect.id;
      this.audit.push({ version, agentId: stamp.agentId, action: stamp.action, entity: effect.entity, id });
      const declared = this.registry.entityNamed(effect.entity);
      const table = this.table(declared.list);
      const before = effect.op === 'update' ? table.get(effect.id) : undefined;
      const row = (effect.op === 'insert' ? effect.row : { ...before?.row, ...effect.patch }) as Stored['row'];
      const departmentId = this.departmentOf(declared, row);
      table.set(row.id, { row, version, departmentId });
      if (departmentId !== null) departments.add(departmentId);
      if (before !== undefined && before.departmentId !== null && before.departmentId !== departmentId && declared.tombstones) {
        departments.add(before.departmentId);
        this.leave(declared, row.id, { from: before.departmentId, to: departmentId, version });
      }
    }
    return Promise.resolve({ departments: [...departments] });
  }

  /** A row changing department takes its children along (a case its timeline); the old department's replicas get deletes. */
  private leave(declared: EntityDeclaration, id: string, move: { from: string; to: string | null; version: number }): void {
    this.tombstones.push({ entity: declared.name as EntityName, id, departmentId: move.from, version: move.version });
    for (const child of this.registry.childrenOf(declared.name)) {
      for (const [childId, stored] of this.table(child.list)) {
        if (stored.row[child.department.field] !== id) continue;
        this.table(child.list).set(childId, { ...stored, departmentId: move.to, version: move.version });
        this.leave(child, childId, move);
      }
    }
  }

  private pullReader(): PullReader {
    return {
      ...this.entityReader(),
      head: async () => this.version,
      horizon: async () => this.horizonVersion,
      changes: async (query) => this.changes(query),
      departures: async ({ scope, after, upTo }) => {
        const filter = audienceFilter({ scope, reference: false }, 'departments');
        return this.tombstones
          .filter((t) => t.version > after && t.version <= upTo && passes(filter, t.departmentId))
          .map(({ entity, id }) => ({ entity, id }));
      },
      strays: async ({ departments, after }) => {
        const filter = audienceFilter({ scope: { departments: [...departments], citizens: false }, reference: false }, 'departments');
        const ids = new Set<string>();
        for (const { row, version, departmentId } of this.rows('cases').values())
          if (version > after && passes(filter, departmentId)) ids.add(row.id);
        for (const t of this.tombstones) if (t.entity === 'case' && t.version > after && passes(filter, t.departmentId)) ids.add(t.id);
        return [...ids];
      },
    };
  }

  /** The pull window's reads, each one serialised like a snapshot. */
  readonly feed: PullFeed = {
    glance: (queries) =>
      this.serialised(async () =>
        queries.map(({ clientId, agentId }) => {
          const client = this.clients.get(clientId);
          return {
            head: this.version,
            horizon: this.horizonVersion,
            agent: structuredClone(this.rows('agents').get(agentId)?.row ?? null),
            client: client === undefined ? null : { ...client },
          };
        }),
      ),
    since: (after) => this.serialised(async () => this.since(after)),
  };

  private since(after: number | null): FeedBatch {
    const head = this.version;
    if (after === null) return { head, rows: [], tombstones: [] };
    const rows: FeedRow[] = [];
    for (const declared of this.registry.entities) {
      for (const { row, version, departmentId } of this.table(declared.list).values())
        if (version > after)
          rows.push({ list: declared.list, entity: declared.name, row: structuredClone(row), version, departmentId } as FeedRow);
    }
    return { head, rows, tombstones: this.tombstones.filter((t) => t.version > after).map((t) => ({ ...t })) };
  }

  private changes(query: ScopeQuery & { after: number; upTo: number; limit: number }): VersionedRows {
    const entries: { version: number; list: ListName; row: unknown }[] = [];
    for (const declared of this.registry.entities) {
      const filter = audienceFilter(query, declared.audience);
      if (filter.kind === 'none') continue;
      for (const { row, version, departmentId } of this.table(declared.list).values())
        if (version > query.after && version <= query.upTo && passes(filter, departmentId))
          entries.push({ version, list: declared.list as ListName, row });
    }
    entries.sort((a, b) => a.version - b.version);
    return pageByVersion(
      entries,
      query.limit,
      query.after,
      (rows, entry) => (rows[entry.list] as unknown[]).push(structuredClone(entry.row)),
      this.registry,
    );
  }
}
