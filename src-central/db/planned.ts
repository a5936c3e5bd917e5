import { Placeholder, sql } from 'drizzle-orm';
import type { CentralDb } from './central-db-types';

/** What a planned statement's arguments may be: on PGlite they are written into its EXECUTE as literals. */
export type PlannedArgument = number | string | boolean | null | readonly string[];

/** A built drizzle query whose arguments are `sql.placeholder`s, run under one name. */
interface Preparable<Row> {
  toSQL(): { sql: string; params: unknown[] };
  prepare(name: string): { execute(args?: Record<string, unknown>): Promise<Row[]> };
}

export interface Planned<Row> {
  /** `executor`: the transaction to run it in (by default the database it was made on). */
  execute(args: Record<string, PlannedArgument>, executor?: CentralDb): Promise<Row[]>;
}

const isPglite = (db: CentralDb) => typeof (db as unknown as { $client?: { execProtocol?: unknown } }).$client?.execProtocol === 'function';
// The statements PREPAREd (or being PREPAREd) in each PGlite session, one per PGlite instance: concurrent first
// uses wait for the same PREPARE. Prepared statements belong to the session and outlive a rollback.
const preparedIn = new WeakMap<object, Map<string, Promise<void>>>();

function ensurePrepared(client: object, name: string, text: string, executor: CentralDb): Promise<void> {
  const prepared = preparedIn.get(client) ?? new Map<string, Promise<void>>();
  preparedIn.set(client, prepared);
  let done = prepared.get(name);
  if (done === undefined) {
    done = executor.execute(sql.raw(`PREPARE ${name} AS ${text}`)).then(
      () => undefined,
      (error: unknown) => {
        prepared.delete(name);
        throw error;
      },
    );
    prepared.set(name, done);
  }
  return done;
}

async function deallocate(client: object, name: string, executor: CentralDb): Promise<void> {
  preparedIn.get(client)?.delete(name);
  await executor.execute(sql.raw(`DEALLOCATE ${name}`));
}

/**
 * A statement planned once, run many times. On PostgreSQL it is drizzle's named prepared statement
 * (node-postgres prepares it once per pooled connection). PGlite's driver parses and plans every query
 * again, which is most of a short statement's cost there (the pull feed's: 0.86 ms, 0.19 ms planned once):
 * there the same SQL becomes an SQL `PREPARE` once per session and runs as `EXECUTE`, its arguments written
 * as literals. Rows come back by column name, so every selected field must be a column or `.as()` its key.
 * `build` makes the query on the executor it will run on (a transaction on PostgreSQL).
 */
export function planned<Row>(db: CentralDb, name: string, build: (executor: CentralDb) => Preparable<Row>): Planned<Row> {
  if (!isPglite(db)) {
    // Built once for the database itself; in a transaction, on the transaction (the same name, the same plan).
    let onDb: ReturnType<Preparable<Row>['prepare']> | null = null;
    return {
      execute: (args, executor = db) =>
        (executor === db ? (onDb ??= build(db).prepare(name)) : build(executor).prepare(name)).execute(args),
    };
  }
  const client = (db as unknown as { $client: object }).$client;
  const { sql: text, params } = build(db).toSQL();
  const order = params.map((param): { placeholder: string } | { placeholder: null; constant: PlannedArgument } =>
    param instanceof Placeholder ? { placeholder: String(param.name) } : { placeholder: null, constant: param as PlannedArgument },
  );
  return {
    async execute(args, executor = db) {
      await ensurePrepared(client, name, text, executor);
      const result = await executeNamed(
        executor,
        name,
        order.map((entry) => (entry.placeholder === null ? entry.constant : args[entry.placeholder])),
      );
      return (result as unknown as { rows: Row[] }).rows;
    },
  };
}

/** Distinct statement texts kept PREPAREd per PGlite session by `textStatements`, the most recently used. */
const TEXTS_KEPT = 64;
// Per PGlite session: the texts PREPAREd, by text, in order of last use, and the number of the next name.
const textsIn = new WeakMap<object, { names: Map<string, string>; next: number }>();

/** How a statement built as text (with numbered parameters) runs: `asIs`, or planned once per distinct text. */
export type TextRun = (
  query: { sql: string; params: readonly unknown[] },
  executor: CentralDb,
  asIs: () => Promise<unknown>,
) => Promise<void>;

/**
 * Runs statements whose text varies with their data (a push group's flush: its shape follows the group's
 * rows) but recurs (a group of one comment is written the same way every time). On PGlite each distinct text
 * is PREPAREd once and the last TEXTS_KEPT are kept; on PostgreSQL they run as they are.
 */
export function textStatements(db: CentralDb): TextRun {
  if (!isPglite(db)) return async (_query, _executor, asIs) => void (await asIs());
  const client = (db as unknown as { $client: object }).$client;
  const kept = textsIn.get(client) ?? { names: new Map<string, string>(), next: 0 };
  textsIn.set(client, kept);
  return async (query, executor) => {
    let name = kept.names.get(query.sql);
    if (name === undefined) {
      const oldest = kept.names.size >= TEXTS_KEPT ? kept.names.entries().next().value : undefined;
      if (oldest !== undefined) {
        kept.names.delete(oldest[0]);
        await deallocate(client, oldest[1], executor);
      }
      name = `guichet_text_${++kept.next}`;
    } else {
      kept.names.delete(query.sql);
    }
    kept.names.set(query.sql, name);
    await ensurePrepared(client, name, query.sql, executor);
    await executeNamed(executor, name, query.params as PlannedArgument[]);
  };
}

function executeNamed(executor: CentralDb, name: string, args: readonly (PlannedArgument | undefined)[]) {
  return executor.execute(sql.raw(args.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}(${args.map(literal).join(', ')})`));
}

/**
 * An argument as an SQL literal, its type left to the prepared statement's parameter. Strings are written
 * as escape strings (`E'…'`, backslashes and quotes escaped), which read the same whatever
 * standard_conforming_strings says.
 */
function literal(value: PlannedArgument | undefined): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a planned statement's number is not finite: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value)) return quoted(`{${value.map((item: string) => `"${item.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`);
  throw new Error(`a planned statement's argument is missing or of an unsupported type: ${String(value)}`);
}

function quoted(text: string): string {
  if (text.includes('\0')) throw new Error('a text argument of a planned statement holds a NUL character');
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
