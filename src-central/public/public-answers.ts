import { and, eq, gte, isNotNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../src-shared/errors';
import type { Effect } from '../../src-shared/mutations';
import { idSchema } from '../../src-shared/schemas/common';
import {
  surveyAnswersSchema,
  type RespondentProfile,
  type Survey,
  type SurveyAnswers,
  type SurveyCollector,
  type SurveyResponse,
} from '../../src-shared/schemas/surveys';
import { checkAnswers } from '../../src-shared/surveys';
import type { CentralDb } from '../db/central-db-types';
import { cases, citizens, surveyInvitations } from '../db/schema';
import type { ServiceWriter } from '../sync/service-writes';
import type { PushPreload, PushTx } from '../sync/store';
import { publicState, tokenHash } from './public-surveys';

/** An emailed link's token: 32 random bytes in base64url make 43 characters; anything else is not one. */
export const surveyTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

/** An answer from a public page (the link, a kiosk, an emailed link). */
export const publicAnswerSchema = z.object({
  /** Generated in the browser: sending it again never counts it twice. */
  id: idSchema,
  answers: surveyAnswersSchema,
  channel: z.enum(['link', 'kiosk', 'email']),
  collectorId: idSchema.optional(),
  token: surveyTokenSchema.optional(),
});
export type PublicAnswer = z.infer<typeof publicAnswerSchema>;

/** Problems listed in SURVEY_ANSWERS_INVALID at most (the rest are the same kind of mistake). */
const MAX_PROBLEMS = 20;
const PROFILE_MONTHS = 12;

/**
 * Stores a public answer through the service writer, in one push transaction: the response, and for an
 * emailed link its invitation marked answered and its campaign's `responded` count. Idempotent on the
 * answer's id: the same answer sent again is `duplicate` and writes nothing; another answer under a
 * taken id is refused ID_TAKEN.
 */
export async function submitPublicAnswer(
  writes: ServiceWriter,
  surveyId: string,
  answer: PublicAnswer,
  now: Date,
): Promise<{ duplicate: boolean }> {
  return writes<{ duplicate: boolean }>(
    'survey.answer',
    async (tx) => {
      const survey = (await tx.row('survey', surveyId)) as Survey | null;
      const state = publicState(survey, now);
      if (survey === null || state === 'hidden') throw fail('SURVEY_NOT_FOUND', { surveyId });
      const existing = (await tx.row('surveyResponse', answer.id)) as SurveyResponse | null;
      if (existing !== null) {
        if (!isSameAnswer(existing, surveyId, answer)) throw fail('ID_TAKEN');
        return { effects: [], result: { duplicate: true } };
      }
      if (state !== 'open') throw fail('SURVEY_CLOSED');
      const problems = checkAnswers(survey.definition, answer.answers);
      if (problems.length > 0) throw fail('SURVEY_ANSWERS_INVALID', { problems: problems.slice(0, MAX_PROBLEMS) });

      const effects: Effect[] = [];
      let response: SurveyResponse;
      if (answer.token !== undefined) {
        const invited = await useInvitation(tx, survey, answer.token, now);
        effects.push(...invited.effects);
        response = responseRow(survey, answer, now, {
          // A closed case's invitation is the after-a-case channel: its answer lands on the case.
          channel: invited.caseId === null ? 'email' : 'case',
          collectorId: invited.collectorId,
          caseId: invited.caseId,
          citizenId: survey.anonymity === 'identified' ? invited.citizenId : null,
          profile: invited.profile,
        });
      } else {
        if (answer.channel === 'email') throw fail('SURVEY_TOKEN_INVALID');
        const collectorId = await checkCollector(tx, surveyId, answer);
        response = responseRow(survey, answer, now, { channel: answer.channel, collectorId, caseId: null, citizenId: null, profile: null });
      }
      effects.unshift({ op: 'insert', entity: 'surveyResponse', row: response });
      return { effects, result: { duplicate: false } };
    },
    preloadOf(surveyId, answer),
  );
}

/** The rows an answer reads: a group of answers loads them in one query per entity, not one per answer. */
function preloadOf(surveyId: string, answer: PublicAnswer): PushPreload {
  const rows = [
    { entity: 'survey', id: surveyId },
    { entity: 'surveyResponse', id: answer.id },
  ];
  if (answer.collectorId !== undefined) rows.push({ entity: 'surveyCollector', id: answer.collectorId });
  return { agents: [], clients: [], cases: [], citizens: [], categories: [], rows };
}

function responseRow(
  survey: Survey,
  answer: PublicAnswer,
  now: Date,
  origin: Pick<SurveyResponse, 'channel' | 'collectorId' | 'caseId' | 'citizenId' | 'profile'>,
): SurveyResponse {
  return {
    id: answer.id,
    surveyId: survey.id,
    departmentId: survey.departmentId,
    ...origin,
    agentId: null,
    answers: answer.answers,
    note: null,
    submittedAt: now.toISOString(),
  };
}

/** A kiosk's answer names its kiosk; a link's may name the meeting whose QR code it came from. */
async function checkCollector(tx: PushTx, surveyId: string, answer: PublicAnswer): Promise<string | null> {
  if (answer.collectorId === undefined) {
    if (answer.channel === 'kiosk') throw fail('SURVEY_COLLECTOR_NOT_FOUND', { collectorId: '' });
    return null;
  }
  const collector = (await tx.row('surveyCollector', answer.collectorId)) as SurveyCollector | null;
  const kind = answer.channel === 'kiosk' ? 'kiosk' : 'meeting';
  if (collector === null || collector.surveyId !== surveyId || collector.settings.kind !== kind)
    throw fail('SURVEY_COLLECTOR_NOT_FOUND', { collectorId: answer.collectorId });
  return collector.id;
}

/**
 * The emailed link's invitation, marked answered in the push transaction (its SQL rolls back with the
 * answer should anything refuse it), its campaign's `responded` count bumped as a replicated change, and
 * what the service knows of the respondent.
 */
async function useInvitation(tx: PushTx, survey: Survey, token: string, now: Date) {
  if (tx.sql === undefined) throw new Error('public answers need a store that runs SQL in its push transaction');
  const db = await tx.sql();
  const hash = tokenHash(token);
  const [invitation] = await db
    .select()
    .from(surveyInvitations)
    // The first email's token or its reminder's (each reminder has a token of its own).
    .where(or(eq(surveyInvitations.tokenHash, hash), eq(surveyInvitations.reminderTokenHash, hash)))
    .for('update');
  if (invitation === undefined || invitation.surveyId !== survey.id) throw fail('SURVEY_TOKEN_INVALID');
  if (invitation.status === 'answered' || invitation.answeredAt !== null) throw fail('SURVEY_TOKEN_USED');
  await db.update(surveyInvitations).set({ status: 'answered', answeredAt: now }).where(eq(surveyInvitations.id, invitation.id));
  const effects: Effect[] = [];
  const collector = (await tx.row('surveyCollector', invitation.collectorId)) as SurveyCollector | null;
  if (collector !== null) {
    effects.push({
      op: 'update',
      entity: 'surveyCollector',
      id: collector.id,
      patch: { stats: { ...collector.stats, responded: collector.stats.responded + 1 }, updatedAt: now.toISOString() },
    });
  }
  return {
    effects,
    collectorId: invitation.collectorId,
    caseId: invitation.caseId,
    citizenId: invitation.citizenId,
    // Identity and profile never together: a named citizen's profile would tell the department which other
    // departments that citizen dealt with. Only an answer that names no one carries one (an identified
    // survey's names the citizen; a closed case's names its case, whose citizen the department knows).
    profile: survey.anonymity === 'anonymous' && invitation.caseId === null ? await respondentProfile(db, invitation.citizenId, now) : null,
  };
}

/**
 * Departments where the citizen had a case created in the twelve months before, and their postal code.
 * Stamped only on emailed answers that name no one (an anonymous survey's, not a closed case's): the synthesis
 * crosses departments and areas with it. An identified survey's answer names the citizen, so it carries no
 * profile (docs/surveys.md, "Identity and profile never together").
 */
export async function respondentProfile(db: CentralDb, citizenId: string, now: Date): Promise<RespondentProfile> {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - PROFILE_MONTHS);
  const departments = await db
    .selectDistinct({ departmentId: cases.departmentId })
    .from(cases)
    .where(and(eq(cases.citizenId, citizenId), isNotNull(cases.departmentId), gte(cases.createdAt, since.toISOString())))
    .limit(100);
  const [citizen] = await db.select({ postalCode: citizens.postalCode }).from(citizens).where(eq(citizens.id, citizenId));
  const area = citizen?.postalCode?.trim().slice(0, 10) || null;
  return { departmentsWithCase: departments.map((row) => row.departmentId).sort(), area };
}

/** The same answer sent again: same survey, channel, collector (unless emailed) and answers, whatever the key order. */
function isSameAnswer(existing: SurveyResponse, surveyId: string, answer: PublicAnswer): boolean {
  const emailed = answer.token !== undefined;
  if (existing.surveyId !== surveyId) return false;
  if (emailed ? existing.channel !== 'email' && existing.channel !== 'case' : existing.channel !== answer.channel) return false;
  if (!emailed && existing.collectorId !== (answer.collectorId ?? null)) return false;
  return canonical(existing.answers) === canonical(answer.answers);
}

function canonical(answers: SurveyAnswers): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return JSON.stringify(sortKeys(answers));
}
