import { and, asc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { audienceFilter, type EntityName, type ListName, type ScopeQuery, type SyncScope } from '../../../src-shared/sync';
import type { CentralDb } from '../../db/central-db-types';
import { cases, syncCounter, tombstones } from '../../db/schema';
import { entityReader } from './pg-entities';
import { appCentralRegistry, filterCondition, type CentralRegistry, type PgEntityTable } from './pg-entity-tables';
import type { ServedRowSet } from '../../sync/served-rows';
import type { PullReader, VersionedRows } from '../../sync/store';

/** A pull's reads, on one repeatable-read snapshot, of the entities `registry` binds. */
export function pullReader(db: CentralDb, registry: CentralRegistry = appCentralRegistry): PullReader {
  // The reader runs in one repeatable-read snapshot: the counter row read once serves head and horizon.
  let counter: Promise<{ version: number; horizon: number }> | null = null;
  const counterRow = () =>
    (counter ??= db
      .select({ version: syncCounter.version, horizon: syncCounter.horizon })
      .from(syncCounter)
      .where(eq(syncCounter.id, 1))
      .then(([row]) => ({ version: row?.version ?? 0, horizon: row?.horizon ?? 0 })));
  // Whether tombstones exist in a range, as the changes probe found them (same snapshot).
  const tombstonesIn = new Map<string, boolean>();
  return {
    ...entityReader(db),
    head: async () => (await counterRow()).version,
    horizon: async () => (await counterRow()).horizon,
    changes: (query) => changes(db, registry, query, tombstonesIn),
    departures: async ({ scope, after, upTo }) => {
      const departed = filterCondition(audienceFilter({ scope, reference: false }, 'departments'), tombstones.departmentId);
      if (departed === null) return [];
      if (tombstonesIn.get(rangeKey(after, upTo, scope.departments)) === false) return [];
      const rows = await db
        .select({ entity: tombstones.entity, id: tombstones.entityId })
        .from(tombstones)
        .where(and(gt(tombstones.rowVersion, after), lte(tombstones.rowVersion, upTo), departed.where));
      return rows.map((row) => ({ entity: row.entity as EntityName, id: row.id }));
    },
    strays: async ({ departments, after }) => {
      if (departments.length === 0) return [];
      const inside = db
        .select({ id: sql<string>`${cases.id}::text`.as('id') })
        .from(cases)
        .where(and(inArray(cases.departmentId, [...departments]), gt(cases.rowVersion, after)));
      const departed = db
        .select({ id: tombstones.entityId })
        .from(tombstones)
        .where(and(eq(tombstones.entity, 'case'), inArray(tombstones.departmentId, [...departments]), gt(tombstones.rowVersion, after)));
      return (await inside.union(departed)).map((row) => row.id);
    },
  };
}

function rangeKey(after: number, upTo: number, departmentIds: readonly string[]): string {
  return `${after}:${upTo}:${departmentIds.join(',')}`;
}

/**
 * Which tables hold rows of the query in `after < version <= upTo`, in one round trip: a pull that
 * catches up on a few changes then reads only the tables that changed instead of all of them.
 */
async function presence(db: CentralDb, from: readonly Source[], query: { scope: SyncScope; after: number; upTo: number }) {
  // The first row in version order, not `exists`: the planner drops an EXISTS's ORDER BY and LIMIT, and then
  // scans the big tables from their start, where a bootstrap's later pages find nothing (quadratic over it).
  const any = (table: PgTable & { rowVersion: AnyPgColumn }, where: SQL | undefined) =>
    sql<boolean>`(${db
      .select({ one: sql`1` })
      .from(table)
      .where(and(gt(table.rowVersion, query.after), lte(table.rowVersion, query.upTo), where))
      .orderBy(asc(table.rowVersion))
      .limit(1)}) is not null`;
  const departures = filterCondition(audienceFilter({ scope: query.scope, reference: false }, 'departments'), tombstones.departmentId);
  const [row] = await db
    .select({
      ...Object.fromEntries(from.map((source) => [source.list, any(source.table, source.inScope)])),
      tombstones: departures === null ? sql<boolean>`false` : any(tombstones, departures.where),
    })
    .from(syncCounter)
    .where(eq(syncCounter.id, 1));
  if (row === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
  return row as Record<string, boolean>;
}

/** A table a page may take rows from, with the condition that keeps them in the query's scope. */
interface Source extends PgEntityTable {
  inScope: SQL | undefined;
}

/** The tables the scope rule lets the query read, each with its WHERE condition. */
function sources(registry: CentralRegistry, query: ScopeQuery): Source[] {
  return registry.tables.flatMap((bound) => {
    const condition = filterCondition(audienceFilter(query, registry.sync.entityOfList(bound.list).audience), bound.departmentColumn);
    return condition === null ? [] : [{ ...bound, inScope: condition.where }];
  });
}

const within = (source: Source, after: number, upTo: number) =>
  and(gt(source.table.rowVersion, after), lte(source.table.rowVersion, upTo), source.inScope);

/**
 * Where the page ends, from the row versions alone (at most `limit + 1` of them a table, read in
 * row-version index order): the highest version it takes, or null when there is nothing to take. A page takes about `limit`
 * rows and never splits a version: it ends before the version of the row past the limit, or is that one
 * whole version when it alone is larger than the limit.
 */
async function pageEnd(
  db: CentralDb,
  from: readonly Source[],
  query: { after: number; upTo: number; limit: number },
): Promise<{ upTo: number; more: boolean } | null> {
  const take = query.limit + 1;
  const heads = from.map(
    (source) =>
      sql`(select ${source.table.rowVersion} as v from ${source.table} where ${within(source, query.after, query.upTo)} order by ${source.table.rowVersion} limit ${take})`,
  );
  const result = await db.execute(sql`with o as (select v from (${sql.join(heads, sql` union all `)}) u order by v limit ${take})
    select count(*)::int as n, min(v)::text as lo, max(v)::text as hi, (select max(v) from o where v < (select max(v) from o))::text as below from o`);
  const [row] = (result as unknown as { rows: { n: number; lo: string | null; hi: string | null; below: string | null }[] }).rows;
  if (row === undefined || row.n === 0 || row.hi === null) return null;
  if (row.n < take) return { upTo: Number(row.hi), more: false };
  // Past the limit: the page stops below the last version seen, unless that version is all there is.
  return { upTo: row.lo === row.hi || row.below === null ? Number(row.hi) : Number(row.below), more: true };
}

async function changes(
  db: CentralDb,
  registry: CentralRegistry,
  query: ScopeQuery & { after: number; upTo: number; limit: number },
  tombstonesIn: Map<string, boolean>,
): Promise<VersionedRows<ServedRowSet>> {
  const scoped = sources(registry, query);
  const has = await presence(db, scoped, query);
  if (query.scope.departments.length > 0)
    tombstonesIn.set(rangeKey(query.after, query.upTo, query.scope.departments), has['tombstones'] ?? true);
  const from = scoped.filter((source) => has[source.list] === true);
  const rows: ServedRowSet = registry.sync.emptyRowSet();
  const end = from.length === 0 ? null : await pageEnd(db, from, query);
  if (end === null) return { rows, maxVersion: query.after, more: false };

  const big: { list: ListName; json: SQL }[] = [];
  for (const source of from) {
    const where = within(source, query.after, end.upTo);
    const order = [asc(source.table.rowVersion), asc(source.table.id)];
    if (source.jsonFields !== undefined) {
      // In version order, as the in-memory store lists them; `row_to_json` writes compact JSON (json_agg would add a line break a row).
      const ordered = sql`select ${source.jsonFields} from ${source.table} where ${where} order by ${source.table.rowVersion}, ${source.table.id}`;
      big.push({
        list: source.list,
        json: sql`(select '[' || coalesce(string_agg(row_to_json(t)::text, ','), '') || ']' from (${ordered}) t)`,
      });
    } else if (source.load !== undefined) {
      const ids = (
        await db
          .select({ id: source.table.id })
          .from(source.table)
          .where(where)
          .orderBy(...order)
      ).map((row) => row.id as string);
      const byId = new Map((await source.load(db, ids)).map((row) => [row.id, row]));
      (rows as Record<string, unknown>)[source.list] = ids.map((id) => byId.get(id));
    } else {
      const found = await db
        .select()
        .from(source.table)
        .where(where)
        .orderBy(...order);
      (rows as Record<string, unknown>)[source.list] = found.map((row) => source.toEntity(row));
    }
  }
  if (big.length > 0) {
    // The big lists in one statement, as the JSON the answer sends: never parsed into objects here.
    const result = await db.execute(
      sql`select ${sql.join(
        big.map((part) => sql`${part.json} as ${sql.identifier(part.list)}`),
        sql`, `,
      )}`,
    );
    const [json] = (result as unknown as { rows: Record<string, string>[] }).rows;
    for (const part of big) (rows as Record<string, unknown>)[part.list] = { json: json?.[part.list] ?? '[]' };
  }
  return { rows, maxVersion: end.upTo, more: end.more };
}
