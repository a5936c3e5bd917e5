import type { ReplicaDb } from './open-replica';

/**
 * What is built once per replica connection, at first use (prepared statements): the statements of the sync's
 * hot path run on every poke, and building and preparing them again costs more than running them.
 */
export function perConnection<T>(build: (db: ReplicaDb) => T): (db: ReplicaDb) => T {
  const built = new WeakMap<ReplicaDb['$client'], T>();
  return (db) => {
    let value = built.get(db.$client);
    if (value === undefined) {
      value = build(db);
      built.set(db.$client, value);
    }
    return value;
  };
}
