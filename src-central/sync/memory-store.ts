import type { Effect } from '../../src-shared/mutations';
import type { AgentRole } from '../../src-shared/schemas/entities';
import type { Agent, Case, CaseEvent, Category, Citizen, Department } from '../../src-shared/schemas/entities';
import type { EntityName, RowSet, SyncScope } from '../../src-shared/sync';
import type { FeedBatch, FeedRow, LoggedMutation, PullFeed, PullReader, PushTx, SyncClient, SyncStore, VersionedRows } from './store';
import { pageByVersion } from './version-page';

interface Versioned<T> {
  row: T;
  version: number;
}

interface Tombstone {
  entity: EntityName;
  id: string;
  departmentId: string;
  version: number;
}

/**
 * The sync store in memory, with the PostgreSQL store's semantics: every operation is serialised (as
 * pushers are by the version counter, and as a snapshot read sees no half-applied push).
 */
export class MemorySyncStore implements SyncStore {
  readonly departments = new Map<string, Versioned<Department>>();
  readonly categories = new Map<string, Versioned<Category>>();
  readonly agents = new Map<string, Versioned<Agent>>();
  readonly citizens = new Map<string, Versioned<Citizen>>();
  readonly cases = new Map<string, Versioned<Case>>();
  readonly caseEvents = new Map<string, Versioned<CaseEvent & { departmentId: string }>>();
  readonly clients = new Map<string, SyncClient>();
  readonly mutationLog = new Map<string, LoggedMutation>();
  readonly tombstones: Tombstone[] = [];
  readonly audit: { version: number; agentId: string; action: string; entity: string; id: string }[] = [];
  version = 0;
  horizonVersion = 0;
  private queue: Promise<unknown> = Promise.resolve();

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
      const agent = this.agents.get(agentId);
      if (agent === undefined) throw new Error(`no agent ${agentId}`);
      this.agents.set(agentId, { row: { ...agent.row, roles }, version: ++this.version });
    });
  }

  /** Loads reference and demo rows, each batch under its own version. */
  load(batch: Partial<RowSet>): void {
    const version = ++this.version;
    for (const row of batch.departments ?? []) this.departments.set(row.id, { row, version });
    for (const row of batch.categories ?? []) this.categories.set(row.id, { row, version });
    for (const row of batch.agents ?? []) this.agents.set(row.id, { row, version });
    for (const row of batch.citizens ?? []) this.citizens.set(row.id, { row, version });
    for (const row of batch.cases ?? []) this.cases.set(row.id, { row, version });
    for (const row of batch.caseEvents ?? []) {
      const departmentId = this.cases.get(row.caseId)?.row.departmentId ?? '';
      this.caseEvents.set(row.id, { row: { ...row, departmentId }, version });
    }
  }

  private snapshot() {
    return {
      maps: [this.citizens, this.cases, this.caseEvents, this.clients, this.mutationLog].map((map) => new Map(map as Map<string, unknown>)),
      tombstones: this.tombstones.length,
      audit: this.audit.length,
      version: this.version,
    };
  }

  private restore(snapshot: ReturnType<MemorySyncStore['snapshot']>): void {
    [this.citizens, this.cases, this.caseEvents, this.clients, this.mutationLog].forEach((map, index) => {
      map.clear();
      for (const [key, value] of snapshot.maps[index] ?? []) (map as Map<string, unknown>).set(key, value);
    });
    this.tombstones.length = snapshot.tombstones;
    this.audit.length = snapshot.audit;
    this.version = snapshot.version;
  }

  private entityReader() {
    return {
      agent: async (id: string) => structuredClone(this.agents.get(id)?.row ?? null),
      case: async (id: string) => structuredClone(this.cases.get(id)?.row ?? null),
      citizen: async (id: string) => structuredClone(this.citizens.get(id)?.row ?? null),
      category: async (id: string) => structuredClone(this.categories.get(id)?.row ?? null),
      client: async (id: string) => {
        const client = this.clients.get(id);
        return client === undefined ? null : { ...client };
      },
    };
  }

  private pushTx(): PushTx {
    return {
      ...this.entityReader(),
      saveClient: async (client) => void this.clients.set(client.clientId, { ...client }),
      loggedMutation: async (clientId, mutationId) => this.mutationLog.get(`${clientId}:${mutationId}`) ?? null,
      logMutation: async (entry) => void this.mutationLog.set(`${entry.clientId}:${entry.mutationId}`, structuredClone(entry)),
      nextVersion: async () => ++this.version,
      apply: async (effects, stamp) => this.apply(effects, stamp),
    };
  }

  private apply(effects: readonly Effect[], stamp: { version: number; agentId: string; action: string }) {
    const { version } = stamp;
    const departments = new Set<string>();
    for (const effect of effects) {
      this.audit.push({
        version,
        agentId: stamp.agentId,
        action: stamp.action,
        entity: effect.entity,
        id: effect.op === 'insert' ? effect.row.id : effect.id,
      });
      if (effect.entity === 'citizen') {
        const row = effect.op === 'insert' ? effect.row : { ...(this.citizens.get(effect.id)?.row as Citizen), ...effect.patch };
        this.citizens.set(row.id, { row, version });
      } else if (effect.entity === 'case') {
        const before = effect.op === 'update' ? this.cases.get(effect.id)?.row : undefined;
        const row = effect.op === 'insert' ? effect.row : { ...(before as Case), ...effect.patch };
        this.cases.set(row.id, { row, version });
        departments.add(row.departmentId);
        if (before !== undefined && before.departmentId !== row.departmentId) {
          departments.add(before.departmentId);
          this.moveCase(row, before.departmentId, version);
        }
      } else {
        const departmentId = this.cases.get(effect.row.caseId)?.row.departmentId ?? '';
        this.caseEvents.set(effect.row.id, { row: { ...effect.row, departmentId }, version });
        departments.add(departmentId);
      }
    }
    return Promise.resolve({ departments: [...departments] });
  }

  /** A case changing department takes its timeline along; the old department's replicas get deletes. */
  private moveCase(row: Case, from: string, version: number): void {
    this.tombstones.push({ entity: 'case', id: row.id, departmentId: from, version });
    for (const [id, event] of this.caseEvents) {
      if (event.row.caseId !== row.id) continue;
      this.tombstones.push({ entity: 'caseEvent', id, departmentId: from, version });
      this.caseEvents.set(id, { row: { ...event.row, departmentId: row.departmentId }, version });
    }
  }

  private pullReader(): PullReader {
    return {
      ...this.entityReader(),
      head: async () => this.version,
      horizon: async () => this.horizonVersion,
      changes: async (query) => this.changes(query),
      departures: async ({ scope, after, upTo }) =>
        this.tombstones
          .filter((t) => t.version > after && t.version <= upTo && scope.departments.includes(t.departmentId))
          .map(({ entity, id }) => ({ entity, id })),
      strays: async ({ departments, after }) => {
        const ids = new Set<string>();
        for (const { row, version } of this.cases.values()) if (version > after && departments.includes(row.departmentId)) ids.add(row.id);
        for (const t of this.tombstones)
          if (t.entity === 'case' && t.version > after && departments.includes(t.departmentId)) ids.add(t.id);
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
            agent: structuredClone(this.agents.get(agentId)?.row ?? null),
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
    const each = <T>(map: Map<string, Versioned<T>>, add: (row: T, version: number) => void) => {
      for (const { row, version } of map.values()) if (version > after) add(structuredClone(row), version);
    };
    each(this.departments, (row, version) => rows.push({ entity: 'department', row, version, departmentId: null }));
    each(this.categories, (row, version) => rows.push({ entity: 'category', row, version, departmentId: null }));
    each(this.agents, (row, version) => rows.push({ entity: 'agent', row, version, departmentId: null }));
    each(this.citizens, (row, version) => rows.push({ entity: 'citizen', row, version, departmentId: null }));
    each(this.cases, (row, version) => rows.push({ entity: 'case', row, version, departmentId: row.departmentId }));
    each(this.caseEvents, ({ departmentId, ...row }, version) => rows.push({ entity: 'caseEvent', row, version, departmentId }));
    return { head, rows, tombstones: this.tombstones.filter((t) => t.version > after).map((t) => ({ ...t })) };
  }

  private changes(query: { scope: SyncScope; reference: boolean; after: number; upTo: number; limit: number }): VersionedRows {
    const inRange = (version: number) => version > query.after && version <= query.upTo;
    const inDepartments = (departmentId: string) => query.scope.departments.includes(departmentId);
    type Entry = { version: number; put: (rows: RowSet) => void };
    const entries: Entry[] = [];
    const collect = <T>(map: Map<string, Versioned<T>>, keep: (row: T) => boolean, put: (rows: RowSet, row: T) => void) => {
      for (const { row, version } of map.values())
        if (inRange(version) && keep(row)) entries.push({ version, put: (rows) => put(rows, row) });
    };
    if (query.reference) {
      collect(
        this.departments,
        () => true,
        (rows, row) => rows.departments.push(structuredClone(row)),
      );
      collect(
        this.categories,
        () => true,
        (rows, row) => rows.categories.push(structuredClone(row)),
      );
      collect(
        this.agents,
        () => true,
        (rows, row) => rows.agents.push(structuredClone(row)),
      );
    }
    if (query.scope.citizens)
      collect(
        this.citizens,
        () => true,
        (rows, row) => rows.citizens.push(structuredClone(row)),
      );
    collect(
      this.cases,
      (row) => inDepartments(row.departmentId),
      (rows, row) => rows.cases.push(structuredClone(row)),
    );
    collect(
      this.caseEvents,
      (row) => inDepartments(row.departmentId),
      (rows, { departmentId: _departmentId, ...row }) => rows.caseEvents.push(structuredClone(row)),
    );
    entries.sort((a, b) => a.version - b.version);
    return pageByVersion(entries, query.limit, query.after, (rows, entry) => entry.put(rows));
  }
}
