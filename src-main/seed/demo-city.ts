import type { ReplicaDb } from '../db/open-replica';
import { departments } from '../db/schema';
import { writeCityToReplica, type CitySize } from './write-city-to-replica';

export const demoCitySize: CitySize = { citizens: 2_000, cases: 10_000, notesPerCase: 0.5 };

/** First start: an empty replica gets the demo city, so a newcomer has something to work with. */
export function seedDemoCityIfEmpty(db: ReplicaDb, now = new Date()): boolean {
  if (db.select({ id: departments.id }).from(departments).limit(1).get() !== undefined) return false;
  writeCityToReplica(db, { ...demoCitySize, seed: 2026, now });
  return true;
}
