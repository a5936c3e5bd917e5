import { and, eq } from 'drizzle-orm';
import type { Effect } from '../../src-shared/mutations';
import type { Case, Citizen } from '../../src-shared/schemas/entities';
import type { CentralDb } from '../db/central-db-types';
import { mutationLog, type citizens } from '../db/schema';
import { entityLoaders, type EntityLoaders, type preloadStatement } from './pg-entities';
import type { TextRun } from '../db/planned';
import { flushGroup, type GroupWrites } from './pg-push-writes';
import { citizenColumns } from './pg-rows';
import { isRefusal, type MemberOutcome } from './push-sequencer';
import type { AuditStamp, LoggedMutation, PushPreload, PushTx, SyncClient } from './store';

type Cached = 'agent' | 'case' | 'citizen' | 'category' | 'client';
const loaderOf: Record<Cached, keyof EntityLoaders> = {
  agent: 'agents',
  case: 'cases',
  citizen: 'citizens',
  category: 'categories',
  client: 'clients',
};
const preloadOf: Record<Cached, keyof PushPreload> = {
  agent: 'agents',
  case: 'cases',
  citizen: 'citizens',
  category: 'categories',
  client: 'clients',
};
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

  constructor(
    private readonly tx: CentralDb,
    version: number,
    private readonly statements: { preloads: ReturnType<typeof preloadStatement>; texts: TextRun },
  ) {
    this.loaders = entityLoaders(tx);
    this.writes = { entities: [], clients: new Map(), log: [], audit: [], versions: { from: version, to: version } };
  }

  /** Loads the rows the members named, in one query. */
  async preload(hints: readonly (PushPreload | undefined)[]): Promise<void> {
    const wanted = (entity: Cached) => [...new Set(hints.flatMap((hint) => hint?.[preloadOf[entity]] ?? []))];
    const ids = {
      agents: wanted('agent'),
      cases: wanted('case'),
      citizens: wanted('citizen'),
      categories: wanted('category'),
      clients: wanted('client'),
    };
    if (Object.values(ids).every((list) => list.length === 0)) return;
    const found = await this.statements.preloads.load(ids, this.tx);
    for (const entity of Object.keys(loaderOf) as Cached[]) {
      for (const id of ids[loaderOf[entity]]) this.rows.set(`${entity}:${id}`, null);
      for (const row of found[loaderOf[entity]]) this.rows.set(`${entity}:${idOf(row)}`, row);
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
    try {
      return { ok: true, value: await fn(this.pushTx()) };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      for (const step of this.undo.reverse()) step();
      this.writes.entities.length = mark.entities;
      this.writes.log.length = mark.log;
      this.writes.audit.length = mark.audit;
      this.writes.versions.to = mark.version;
      return { ok: false, error };
    }
  }

  flush(): Promise<void> {
    return flushGroup(this.tx, this.writes, this.statements.texts);
  }

  private set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const before = map.get(key);
    this.undo.push(() => (had ? map.set(key, before as V) : map.delete(key)));
    map.set(key, value);
  }

  private async read<T>(entity: Cached, id: string): Promise<T | null> {
    const key = `${entity}:${id}`;
    if (!this.rows.has(key)) {
      const [row] = await (this.loaders[loaderOf[entity]] as (ids: readonly string[]) => Promise<unknown[]>)([id]);
      this.rows.set(key, row ?? null);
    }
    // A copy: whatever a caller does with it, the cache stays what the database holds.
    return structuredClone(this.rows.get(key) ?? null) as T | null;
  }

  private pushTx(): PushTx {
    return {
      agent: (id) => this.read('agent', id),
      case: (id) => this.read('case', id),
      citizen: (id) => this.read('citizen', id),
      category: (id) => this.read('category', id),
      client: (id) => this.read('client', id),
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

  /** A mutator's effects: the overlay changes now, the statements wait for the flush. */
  private async apply(effects: readonly Effect[], stamp: AuditStamp) {
    const rowVersion = stamp.version;
    const touched = new Set<string>();
    for (const effect of effects) {
      const entityId = effect.op === 'insert' ? effect.row.id : effect.id;
      // The row an update changes, as this group sees it (its own writes included): its audit row says what each field held.
      const before = effect.op === 'insert' ? null : await this.read<Case | Citizen>(effect.entity, effect.id);
      const changes = effect.op === 'insert' ? effect.row : effect.patch;
      this.writes.audit.push({
        at: new Date(stamp.at),
        agentId: stamp.agentId,
        action: stamp.action,
        entity: effect.entity,
        entityId,
        changes: Object.fromEntries(
          Object.entries(changes).map(([key, to]) => [
            key,
            { from: (before as Record<string, unknown> | null)?.[key] ?? null, to: to ?? null },
          ]),
        ),
        clientId: stamp.clientId,
        mutationId: stamp.mutationId,
      });
      if (effect.entity === 'citizen') {
        if (effect.op === 'insert') {
          this.set(this.rows, `citizen:${effect.row.id}`, structuredClone(effect.row));
          this.writes.entities.push({
            op: 'insert',
            table: 'citizens',
            row: { ...(citizenColumns(effect.row) as typeof citizens.$inferInsert), rowVersion },
          });
        } else {
          if (before !== null) this.set(this.rows, `citizen:${effect.id}`, { ...before, ...structuredClone(effect.patch) });
          this.writes.entities.push({
            op: 'update',
            table: 'citizens',
            id: effect.id,
            set: { ...citizenColumns(effect.patch), rowVersion },
          });
        }
      } else if (effect.entity === 'case') {
        if (effect.op === 'insert') {
          this.set(this.rows, `case:${effect.row.id}`, structuredClone(effect.row));
          this.writes.entities.push({ op: 'insert', table: 'cases', row: { ...effect.row, rowVersion } });
          touched.add(effect.row.departmentId);
          continue;
        }
        this.writes.entities.push({ op: 'update', table: 'cases', id: effect.id, set: { ...effect.patch, rowVersion } });
        if (before === null) continue;
        const { departmentId } = before as Case;
        this.set(this.rows, `case:${effect.id}`, { ...before, ...structuredClone(effect.patch) });
        touched.add(departmentId);
        if (effect.patch.departmentId !== undefined && effect.patch.departmentId !== departmentId) {
          touched.add(effect.patch.departmentId);
          this.writes.entities.push({ op: 'move', caseId: effect.id, from: departmentId, to: effect.patch.departmentId, rowVersion });
        }
      } else {
        // The event takes its case's department as of now (the overlay holds this group's moves).
        const owner = await this.read<Case>('case', effect.row.caseId);
        if (owner === null) throw new Error(`event ${effect.row.id} of unknown case ${effect.row.caseId}`);
        this.writes.entities.push({
          op: 'insert',
          table: 'caseEvents',
          row: { ...effect.row, departmentId: owner.departmentId, rowVersion },
        });
        touched.add(owner.departmentId);
      }
    }
    return { departments: [...touched] };
  }
}
