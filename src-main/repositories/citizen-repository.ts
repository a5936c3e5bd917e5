import { and, count, eq, isNull, or, sql } from 'drizzle-orm';
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

/** Makes a value on first use: repositories may be created before the replica's migrations ran. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function createCitizenRepository(db: ReplicaDb) {
  const byIdQuery = once(() =>
    db
      .select()
      .from(citizens)
      .where(eq(citizens.id, sql.placeholder('id')))
      .prepare(),
  );
  const bySeqQuery = once(() =>
    db
      .select()
      .from(citizens)
      .where(eq(citizens.seq, sql.placeholder('seq')))
      .prepare(),
  );
  // Newest first without ranking: ranking would score every match of a short prefix.
  const matchQuery = once(() =>
    db.$client.prepare('SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck(),
  );

  return {
    byId(id: string): Citizen | null {
      const row = byIdQuery().get({ id });
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
      const seqs = matchQuery().all(query, limit) as number[];
      return seqs.flatMap((seq) => {
        const row = bySeqQuery().get({ seq });
        return row === undefined ? [] : [toCitizen(row)];
      });
    },

    count(): number {
      return db.select({ total: count() }).from(citizens).get()?.total ?? 0;
    },
  };
}

export type CitizenRepository = ReturnType<typeof createCitizenRepository>;
