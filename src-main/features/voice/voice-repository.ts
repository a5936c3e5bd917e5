import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ReplicaDb } from '../../db/open-replica';
import { answerTags, outcomes, surveyIndicators, surveyResponses, surveys } from '../../db/schema';
import type { IndicatorAnswer } from '../../../src-shared/surveys/indicators';

/** The replica's reads for indicators, answer themes and outcomes. */
export function createVoiceRepository(db: ReplicaDb) {
  return {
    indicators: (departmentIds: readonly string[]) =>
      db
        .select()
        .from(surveyIndicators)
        .where(inArray(surveyIndicators.departmentId, [...departmentIds]))
        .orderBy(asc(surveyIndicators.createdAt))
        .all(),

    indicator: (id: string) => db.select().from(surveyIndicators).where(eq(surveyIndicators.id, id)).get() ?? null,

    /** Every answer to `question` of a survey (null when unanswered), one row a response. */
    answersTo(surveyId: string, question: string): (IndicatorAnswer & { question: string })[] {
      return db
        .select({
          responseId: surveyResponses.id,
          surveyId: surveyResponses.surveyId,
          channel: surveyResponses.channel,
          submittedAt: surveyResponses.submittedAt,
          value: sql<unknown>`json_extract(${surveyResponses.answers}, ${jsonPath(question)})`,
          type: sql<string | null>`json_type(${surveyResponses.answers}, ${jsonPath(question)})`,
        })
        .from(surveyResponses)
        .where(eq(surveyResponses.surveyId, surveyId))
        .all()
        .map(({ type, ...row }) => ({ ...row, value: decodeJsonValue(row.value, type), question }));
    },

    survey: (id: string) => db.select().from(surveys).where(eq(surveys.id, id)).get() ?? null,

    surveysOf: (departmentIds: readonly string[]) =>
      db
        .select({
          id: surveys.id,
          departmentId: surveys.departmentId,
          status: surveys.status,
          definition: surveys.definition,
          updatedAt: surveys.updatedAt,
        })
        .from(surveys)
        .where(inArray(surveys.departmentId, [...departmentIds]))
        .orderBy(desc(surveys.updatedAt))
        .all(),

    /** The text answers to one question, newest first, `search` matched case- and accent-insensitively by the caller. */
    openAnswers(surveyId: string, question: string) {
      return db
        .select({
          responseId: surveyResponses.id,
          channel: surveyResponses.channel,
          collectorId: surveyResponses.collectorId,
          submittedAt: surveyResponses.submittedAt,
          text: sql<string>`json_extract(${surveyResponses.answers}, ${jsonPath(question)})`,
        })
        .from(surveyResponses)
        .where(and(eq(surveyResponses.surveyId, surveyId), sql`json_type(${surveyResponses.answers}, ${jsonPath(question)}) = 'text'`))
        .orderBy(desc(surveyResponses.submittedAt), asc(surveyResponses.id))
        .all();
    },

    /** Tags in force (not removed) on a survey's answers to one question. */
    tags: (surveyId: string, question: string) =>
      db
        .select()
        .from(answerTags)
        .where(and(eq(answerTags.surveyId, surveyId), eq(answerTags.question, question), isNull(answerTags.removedAt)))
        .orderBy(asc(answerTags.createdAt))
        .all(),

    outcomes: (departmentIds: readonly string[]) =>
      db
        .select()
        .from(outcomes)
        .where(inArray(outcomes.departmentId, [...departmentIds]))
        .orderBy(desc(outcomes.updatedAt))
        .all(),

    outcome: (id: string) => db.select().from(outcomes).where(eq(outcomes.id, id)).get() ?? null,
  };
}

/** The JSON path of an answer: its name quoted, so any name a definition allows is one key. */
function jsonPath(question: string): string {
  return `$.${JSON.stringify(question)}`;
}

/** json_extract gives SQL values: true and false come back as 1 and 0, an array or object as its JSON text. */
function decodeJsonValue(value: unknown, type: string | null): unknown {
  if (type === 'true') return true;
  if (type === 'false') return false;
  if ((type === 'array' || type === 'object') && typeof value === 'string') return JSON.parse(value) as unknown;
  return value;
}

export type VoiceRepository = ReturnType<typeof createVoiceRepository>;
