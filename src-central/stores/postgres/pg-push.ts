import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Effect } from '../../../src-shared/mutations';
import type { EntityDeclaration } from '../../../src-shared/sync';
import type { CentralDb } from '../../db/central-db-types';
import { mutationLog } from '../../db/schema';
import { entityLoaders, rowsByIds, type EntityLoaders, type preloadStatement } from './pg-entities';
import { appCentralRegistry, departmentKey, type CentralRegistry, type PgEntityTable } from './pg-entity-tables';
import type { TextRun } from '../../db/planned';
import { flushGroup, type GroupWrites } from './pg-push-writes';
import { isRefusal, type MemberOutcome } from './push-sequencer';
import type { AuditStamp, LoggedMutation, PushPreload, PushTx, SyncClient } from '../../sync/store';

type Cached = 'agent' | 'case' | 'citizen' | 'category' | 'client';
const loaderOf: Record<Cached, keyof EntityLoaders> = {
  agent: 'agents',
  case: 'cases',
  citizen: 'citizens',
  category: 'categories',
  client: 'clients',
};
const preloadOf: Record<Cached, Exclude<keyof PushPreload, 'rows'>> = {
  agent: 'agents',
  case: 'cases',
  citizen: 'citizens',
  category: 'categories',
  client: 'clients',
};
/** Opened by a member's first `sql()`: its own SQL is undone with it when it is refused. */
const MEMBER_SAVEPOINT = 'guichet_push_member';
const idOf = (row: { id?: string; clientId?: string }) => (row.id ?? row.clientId) as string;

/**
 * The pushes of one group, in one transaction holding the counter row. Reads go through a cache that
 * also holds the group's own writes (an overlay): a member sees its predecessors' changes although they
 * are written only at the end, in a few multi-row statements. Versions are counted here and the counter
 * written once, before the commit that makes them visible.
 */
export class PushGroup {
  private readonly loaders: EntityLoaders;
  /** Rows by `entity:id`, null when absent: as committed, then as this group changed them. */
  private readonly rows = new Map<string, unknown>();
  private readonly logged = new Map<string, LoggedMutation>();
  private readonly writes: GroupWrites;
  /** Restores what the running member changed, should it be refused. */
  private undo: (() => void)[] = [];
  /** Whether the running member opened its savepoint (it asked for `sql()`). */
  private savepoint = false;

  constructor(
    private readonly tx: CentralDb,
    version: number,
    private readonly statements: { preloads: ReturnType<typeof preloadStatement>; texts: TextRun },
    private readonly registry: CentralRegistry = appCentralRegistry,
  ) {
    this.loaders = entityLoaders(tx);
    this.writes = { entities: [], clients: new Map(), log: [], audit: [], versions: { from: version, to: version } };
  }

  /** Loads the rows the members named: one query for the mutators' entities, one per other entity. */
  async preload(hints: readonly (PushPreload | undefined)[]): Promise<void> {
    const wanted = (entity: Cached) => [...new Set(hints.flatMap((hint) => hint?.[preloadOf[entity]] ?? []))];
    const ids = {
      agents: wanted('agent'),
      cases: wanted('case'),
      citizens: wanted('citizen'),
      categories: wanted('category'),
      clients: wanted('client'),
    };
    if (Object.values(ids).some((list) => list.length > 0)) {
      const found = await this.statements.preloads.load(ids, this.tx);
      for (const entity of Object.keys(loaderOf) as Cached[]) {
        for (const id of ids[loaderOf[entity]]) this.rows.set(`${entity}:${id}`, null);
        for (const row of found[loaderOf[entity]]) this.rows.set(`${entity}:${idOf(row)}`, row);
      }
    }
    // Other entities' rows: one query per entity for the whole group.
    const byEntity = new Map<string, Set<string>>();
    for (const { entity, id } of hints.flatMap((hint) => hint?.rows ?? [])) {
      if (this.rows.has(`${entity}:${id}`)) continue;
      byEntity.set(entity, (byEntity.get(entity) ?? new Set()).add(id));
    }
    const plain = new Map<PgEntityTable, string[]>();
    for (const [entity, wanted] of byEntity) {
      for (const id of wanted) this.rows.set(`${entity}:${id}`, null);
      const bound = this.registry.table(this.registry.sync.entityNamed(entity).list);
      if (Object.hasOwn(loaderOf, entity) || bound.load !== undefined) {
        for (const row of (await this.loaderFor(entity)([...wanted])) as { id: string }[]) this.rows.set(`${entity}:${row.id}`, row);
      } else plain.set(bound, [...wanted]);
    }
    // The entities read as their table's rows, all in one statement (a public answer's survey, its id, its kiosk).
    for (const [bound, found] of await rowsByIds(this.tx, plain)) {
      const entity = this.registry.sync.entityOfList(bound.list).name;
      for (const row of found as { id: string }[]) this.rows.set(`${entity}:${row.id}`, row);
    }
  }

  /** Runs one member: a refusal it throws undoes its changes only; any other error fails the group. */
  async run(fn: (tx: PushTx) => Promise<unknown>): Promise<MemberOutcome> {
    const mark = {
      entities: this.writes.entities.length,
      log: this.writes.log.length,
      audit: this.writes.audit.length,
      version: this.writes.versions.to,
    };
    this.undo = [];
    this.savepoint = false;
    try {
      const value = await fn(this.pushTx());
      if (this.savepoint) await this.tx.execute(sql.raw(`RELEASE SAVEPOINT ${MEMBER_SAVEPOINT}`));
      return { ok: true, value };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (this.savepoint) await this.tx.execute(sql.raw(`ROLLBACK TO SAVEPOINT ${MEMBER_SAVEPOINT}`));
      for (const step of this.undo.reverse()) step();
      this.writes.entities.length = mark.entities;
      this.writes.log.length = mark.log;
      this.writes.audit.length = mark.audit;
      this.writes.versions.to = mark.version;
      return { ok: false, error };
    }
  }

  flush(): Promise<void> {
    return flushGroup(this.tx, this.writes, this.statements.texts, this.registry);
  }

  private set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const before = map.get(key);
    this.undo.push(() => (had ? map.set(key, before as V) : map.delete(key)));
    map.set(key, value);
  }

  private async read<T>(entity: Cached | string, id: string): Promise<T | null> {
    const key = `${entity}:${id}`;
    if (!this.rows.has(key)) {
      const [row] = await this.loaderFor(entity)([id]);
      this.rows.set(key, row ?? null);
    }
    // A copy: whatever a caller does with it, the cache stays what the database holds.
    return structuredClone(this.rows.get(key) ?? null) as T | null;
  }

  /** The preload's loader for the entities mutators read, a plain select of its table for the others. */
  private loaderFor(entity: string): (ids: readonly string[]) => Promise<unknown[]> {
    if (Object.hasOwn(loaderOf, entity)) return this.loaders[loaderOf[entity as Cached]] as (ids: readonly string[]) => Promise<unknown[]>;
    const bound = this.registry.table(this.registry.sync.entityNamed(entity).list);
    return async (ids) =>
      bound.load !== undefined
        ? bound.load(this.tx, [...ids])
        : (
            await this.tx
              .select()
              .from(bound.table)
              .where(inArray(bound.table.id, [...ids]))
          ).map((row) => bound.toEntity(row));
  }

  /** A row's department as its entity declares it (a child's, its parent's as this group sees it). */
  private async departmentOf(declared: EntityDeclaration, row: Record<string, unknown>): Promise<string | null> {
    const source = declared.department;
    if (source.kind === 'none') return null;
    if (source.kind === 'own') return (row[source.field] as string | undefined) ?? null;
    const parentId = row[source.field] as string;
    const parent = await this.read<Record<string, unknown>>(source.entity, parentId);
    // The overlay holds this group's moves: the child takes its parent's department as of now.
    if (parent === null) throw new Error(`${declared.name} ${String(row['id'])} of unknown ${source.entity} ${parentId}`);
    return this.departmentOf(this.registry.sync.entityNamed(source.entity), parent);
  }

  private pushTx(): PushTx {
    return {
      agent: (id) => this.read('agent', id),
      case: (id) => this.read('case', id),
      citizen: (id) => this.read('citizen', id),
      category: (id) => this.read('category', id),
      client: (id) => this.read('client', id),
      row: (entity, id) => this.read(entity, id),
      saveClient: async (client) => {
        this.set(this.rows, `client:${client.clientId}`, { ...client });
        this.set(this.writes.clients, client.clientId, { ...client });
      },
      loggedMutation: (clientId, mutationId) => this.loggedMutation(clientId, mutationId),
      logMutation: async (entry) => {
        // The client row must exist when its log is written (foreign key).
        if (!this.writes.clients.has(entry.clientId) && (await this.read<SyncClient>('client', entry.clientId)) === null) {
          this.set(this.writes.clients, entry.clientId, { clientId: entry.clientId, agentId: entry.agentId, lastMutationId: 0 });
        }
        const logged = structuredClone(entry);
        this.set(this.logged, `${entry.clientId}:${entry.mutationId}`, logged);
        this.writes.log.push(logged);
      },
      nextVersion: async () => ++this.writes.versions.to,
      apply: (effects, stamp) => this.apply(effects, stamp),
      sql: async () => {
        if (!this.savepoint) {
          await this.tx.execute(sql.raw(`SAVEPOINT ${MEMBER_SAVEPOINT}`));
          this.savepoint = true;
        }
        return this.tx;
      },
    };
  }

  private async loggedMutation(clientId: string, mutationId: number): Promise<LoggedMutation | null> {
    const mine = this.logged.get(`${clientId}:${mutationId}`);
    if (mine !== undefined) return structuredClone(mine);
    const [row] = await this.tx
      .select()
      .from(mutationLog)
      .where(and(eq(mutationLog.clientId, clientId), eq(mutationLog.mutationId, mutationId)));
    if (row === undefined) return null;
    return {
      clientId,
      mutationId,
      agentId: row.agentId,
      name: row.name,
      args: row.args,
      result: { mutationId, outcome: row.outcome, error: row.error ?? null },
      version: row.rowVersion,
    };
  }

  /** The PostgreSQL effect interpreter: the overlay changes now, the statements wait for the flush. */
  private async apply(effects: readonly Effect[], stamp: AuditStamp) {
    const rowVersion = stamp.version;
    const touched = new Set<string>();
    for (const effect of effects) {
      const entityId = effect.op === 'insert' ? effect.row.id : effect.id;
      // The row an update changes, as this group sees it (its own writes included): its audit row says what each field held.
      const before = effect.op === 'insert' ? null : await this.read<Record<string, unknown>>(effect.entity, effect.id);
      const changes = effect.op === 'insert' ? effect.row : effect.patch;
      this.writes.audit.push({
        at: new Date(stamp.at),
        agentId: stamp.agentId,
        action: stamp.action,
        entity: effect.entity,
        entityId,
        changes: Object.fromEntries(Object.entries(changes).map(([key, to]) => [key, { from: before?.[key] ?? null, to: to ?? null }])),
        clientId: stamp.clientId,
        mutationId: stamp.mutationId,
      });
      const declared = this.registry.sync.entityNamed(effect.entity);
      const bound = this.registry.table(declared.list);
      const columns = (row: Record<string, unknown>) => (bound.toColumns === undefined ? row : bound.toColumns(row as never));
      if (effect.op === 'insert') {
        const row = effect.row as unknown as Record<string, unknown>;
        this.set(this.rows, `${effect.entity}:${entityId}`, structuredClone(row));
        const departmentId = await this.departmentOf(declared, row);
        if (departmentId !== null) touched.add(departmentId);
        // A child keeps a copy of its department, so pulls filter it without a join.
        const copy = declared.department.kind === 'parent' ? departmentKey(bound) : null;
        const inserted = { ...columns(row), ...(copy === null ? {} : { [copy]: departmentId }), rowVersion };
        this.writes.entities.push({ op: 'insert', table: declared.list, row: inserted });
        continue;
      }
      const patch = effect.patch as Record<string, unknown>;
      this.writes.entities.push({ op: 'update', table: declared.list, id: effect.id, set: { ...columns(patch), rowVersion } });
      if (before === null) continue;
      const after = { ...before, ...structuredClone(patch) };
      this.set(this.rows, `${effect.entity}:${effect.id}`, after);
      const from = await this.departmentOf(declared, before);
      const to = await this.departmentOf(declared, after);
      if (from !== null) touched.add(from);
      if (to !== null && from !== null && to !== from && declared.tombstones) {
        touched.add(to);
        this.writes.entities.push({ op: 'move', table: declared.list, id: effect.id, from, to, rowVersion });
      }
    }
    return { departments: [...touched] };
  }
}
