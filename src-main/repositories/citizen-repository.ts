import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Citizen } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { citizens } from '../db/schema';
import { toFtsQuery } from './fts-query';
import { toCitizen } from './row-mappers';

export interface SimilarityProbe {
  email: string | null;
  phone: string | null;
  nameKey: string | null;
  birthDate: string | null;
  excludeId: string | null;
}

export function createCitizenRepository(db: ReplicaDb) {
  return {
    byId(id: string): Citizen | null {
      const row = db.select().from(citizens).where(eq(citizens.id, id)).get();
      return row === undefined ? null : toCitizen(row);
    },

    /** Citizens sharing an email, a phone, or names and birth date with the probe (indexed look-ups). */
    similarCandidates(probe: SimilarityProbe, limit = 10): Citizen[] {
      const clauses = [
        probe.email !== null ? eq(citizens.email, probe.email) : undefined,
        probe.phone !== null ? eq(citizens.phone, probe.phone) : undefined,
        probe.nameKey !== null && probe.birthDate !== null
          ? and(eq(citizens.nameKey, probe.nameKey), eq(citizens.birthDate, probe.birthDate))
          : undefined,
      ].filter((clause) => clause !== undefined);
      if (clauses.length === 0) return [];
      return db
        .select()
        .from(citizens)
        .where(
          and(
            or(...clauses),
            isNull(citizens.mergedInto),
            probe.excludeId !== null ? sql`${citizens.id} <> ${probe.excludeId}` : undefined,
          ),
        )
        .limit(limit)
        .all()
        .map(toCitizen);
    },

    search(text: string, limit: number): Citizen[] {
      const query = toFtsQuery(text);
      if (query === null) return [];
      // Newest first without ranking: ranking would score every match of a short prefix.
      const seqs = db.$client
        .prepare('SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
        .pluck()
        .all(query, limit) as number[];
      if (seqs.length === 0) return [];
      const rows = db.select().from(citizens).where(inArray(citizens.seq, seqs)).orderBy(desc(citizens.seq)).all();
      return rows.map(toCitizen);
    },

    count(): number {
      return db.select({ total: count() }).from(citizens).get()?.total ?? 0;
    },
  };
}

export type CitizenRepository = ReturnType<typeof createCitizenRepository>;
