import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ReplicaDb } from '../../db/open-replica';
import { answerTags, caseEvents, cases, caseTags } from '../../db/schema';

/** One theme in force on one feedback case, with what the counts per theme show of the case. */
export interface FeedbackThemeRow {
  tagId: string;
  theme: string;
  caseId: string;
  departmentId: string;
  trackingCode: string;
  subject: string;
  createdAt: string;
  /** The rating (1–5) its author gave on `/avis` or a kiosk; null for feedback entered another way. */
  rating: number | null;
}

/** The replica's reads for themes on feedback cases (docs/surveys.md, "Feedback themes"). */
export function createFeedbackThemesRepository(db: ReplicaDb) {
  const rating = sql<number | null>`(
    select json_extract(${caseEvents.data}, '$.rating') from ${caseEvents}
    where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.type} = 'created' limit 1
  )`;
  return {
    /** The case's department and kind (null: not on this replica). */
    caseOf: (caseId: string) =>
      db.select({ id: cases.id, departmentId: cases.departmentId, kind: cases.kind }).from(cases).where(eq(cases.id, caseId)).get() ?? null,

    /** The themes in force on one case, oldest first. */
    tagsOf: (caseId: string) =>
      db
        .select({ id: caseTags.id, theme: caseTags.theme })
        .from(caseTags)
        .where(and(eq(caseTags.caseId, caseId), isNull(caseTags.removedAt)))
        .orderBy(asc(caseTags.createdAt), asc(caseTags.id))
        .all(),

    /** Every theme in force on the departments' feedback cases, one row a tag. */
    feedbackTags: (departmentIds: readonly string[]): FeedbackThemeRow[] =>
      db
        .select({
          tagId: caseTags.id,
          theme: caseTags.theme,
          caseId: cases.id,
          departmentId: cases.departmentId,
          trackingCode: cases.trackingCode,
          subject: cases.subject,
          createdAt: cases.createdAt,
          rating,
        })
        .from(caseTags)
        .innerJoin(cases, eq(cases.id, caseTags.caseId))
        .where(and(isNull(caseTags.removedAt), eq(cases.kind, 'feedback'), inArray(cases.departmentId, [...departmentIds])))
        .orderBy(asc(cases.createdAt), asc(cases.id))
        .all()
        .map((row) => ({ ...row, rating: typeof row.rating === 'number' ? row.rating : null })),

    /** The themes in force on the departments' open answers, with the answers filed under each spelling. */
    answerThemes: (departmentIds: readonly string[]) =>
      db
        .select({ theme: answerTags.theme, uses: sql<number>`count(*)` })
        .from(answerTags)
        .where(and(isNull(answerTags.removedAt), inArray(answerTags.departmentId, [...departmentIds])))
        .groupBy(answerTags.theme)
        .all(),
  };
}

export type FeedbackThemesRepository = ReturnType<typeof createFeedbackThemesRepository>;
