import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { parisDate } from '../../src-shared/domain/deadline';
import type { SurveyAnonymity, SurveyStatus } from '../../src-shared/schemas/surveys';
import type { CentralDb } from '../db/central-db-types';
import { surveyCollectors, surveyInvitations, surveys } from '../db/schema';

/**
 * What the public pages know of a survey: whether it takes answers today, in the city's time zone.
 * - `hidden`: a draft, or no such survey. The public pages say "not found", whatever the reason.
 * - `upcoming`: open, but before its first day.
 * - `open`: takes answers.
 * - `closed`: closed, published, or past its last day.
 */
export type PublicState = 'hidden' | 'upcoming' | 'open' | 'closed';

export function publicState(
  survey: { status: SurveyStatus; opensOn: string | null; closesOn: string | null } | null,
  now: Date,
): PublicState {
  if (survey === null || survey.status === 'draft') return 'hidden';
  if (survey.status !== 'open') return 'closed';
  const today = parisDate(now);
  if (survey.opensOn !== null && today < survey.opensOn) return 'upcoming';
  if (survey.closesOn !== null && today > survey.closesOn) return 'closed';
  return 'open';
}

/** The survey as a public page receives it: nothing of its department, its history or its responses. */
export interface PublicSurvey {
  id: string;
  anonymity: SurveyAnonymity;
  purpose: { fr: string; en: string };
  definition: Record<string, unknown>;
  closesOn: string | null;
}

export interface SurveyRow {
  id: string;
  departmentId: string;
  status: SurveyStatus;
  opensOn: string | null;
  closesOn: string | null;
  anonymity: SurveyAnonymity;
  purpose: { fr: string; en: string };
  definition: Record<string, unknown>;
}

export async function readSurvey(db: CentralDb, id: string): Promise<SurveyRow | null> {
  const [row] = await db
    .select({
      id: surveys.id,
      departmentId: surveys.departmentId,
      status: surveys.status,
      opensOn: surveys.opensOn,
      closesOn: surveys.closesOn,
      anonymity: surveys.anonymity,
      purpose: surveys.purpose,
      definition: surveys.definition,
    })
    .from(surveys)
    .where(eq(surveys.id, id));
  return row ?? null;
}

export function publicSurvey(row: SurveyRow): PublicSurvey {
  return { id: row.id, anonymity: row.anonymity, purpose: row.purpose, definition: row.definition, closesOn: row.closesOn };
}

export async function readCollector(db: CentralDb, id: string) {
  const [row] = await db
    .select({
      id: surveyCollectors.id,
      surveyId: surveyCollectors.surveyId,
      label: surveyCollectors.label,
      settings: surveyCollectors.settings,
    })
    .from(surveyCollectors)
    .where(eq(surveyCollectors.id, id));
  return row ?? null;
}

/** How an emailed link's token is kept: SHA-256, base64url. The token itself is never stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** The invitation an emailed token names, if any (read outside a write: the page only says whether it was used). */
export async function readInvitation(db: CentralDb, token: string) {
  const [row] = await db
    .select({ id: surveyInvitations.id, surveyId: surveyInvitations.surveyId, status: surveyInvitations.status })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.tokenHash, tokenHash(token)));
  return row ?? null;
}
