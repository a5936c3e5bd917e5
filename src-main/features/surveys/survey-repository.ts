import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Survey, SurveyCollector, SurveyResponse } from '../../../src-shared/schemas/surveys';
import type { ReplicaDb } from '../../db/open-replica';
import { surveyCollectors, surveyResponses, surveys } from '../../db/schema';

/** The replica's surveys, their collectors and responses: what the survey screens read. */
export function createSurveyRepository(db: ReplicaDb) {
  return {
    /** The surveys of these departments, most recently changed first. */
    inDepartments(departmentIds: readonly string[]): Survey[] {
      if (departmentIds.length === 0) return [];
      return db
        .select()
        .from(surveys)
        .where(inArray(surveys.departmentId, [...departmentIds]))
        .orderBy(desc(surveys.updatedAt))
        .all();
    },

    byId(id: string): Survey | null {
      return db.select().from(surveys).where(eq(surveys.id, id)).get() ?? null;
    },

    /** Responses received per survey (those of the replica: the survey's department's). */
    responseCounts(surveyIds: readonly string[]): Map<string, number> {
      if (surveyIds.length === 0) return new Map();
      const rows = db
        .select({ surveyId: surveyResponses.surveyId, responses: count() })
        .from(surveyResponses)
        .where(inArray(surveyResponses.surveyId, [...surveyIds]))
        .groupBy(surveyResponses.surveyId)
        .all();
      return new Map(rows.map((row) => [row.surveyId, row.responses]));
    },

    collectors(surveyId: string): SurveyCollector[] {
      return db
        .select()
        .from(surveyCollectors)
        .where(eq(surveyCollectors.surveyId, surveyId))
        .orderBy(asc(surveyCollectors.createdAt))
        .all();
    },

    /** What citizens answered about one case (after-a-case invitations, feedback entered at the desk). */
    responsesForCase(caseId: string): SurveyResponse[] {
      return db.select().from(surveyResponses).where(eq(surveyResponses.caseId, caseId)).orderBy(asc(surveyResponses.submittedAt)).all();
    },
  };
}

export type SurveyRepository = ReturnType<typeof createSurveyRepository>;
