import type { Agent } from '../schemas/entities';
import { departmentsOf, mayPerform } from './permissions';
import type { CollectorKind, CollectorStatus, SurveyStatus } from '../schemas/surveys';

/** The status changes a designer makes: open a draft, close and reopen, publish the results of a closed one. */
export const surveyTransitions: Readonly<Record<SurveyStatus, readonly SurveyStatus[]>> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'published'],
  published: [],
};

/**
 * The collector statuses an agent sets, by kind: a campaign is drafted, started (`sending`, which the central
 * service acts on) and paused; a kiosk, a meeting or an after-a-case rule is active, paused or done. A
 * campaign's `done` is the central service's word, once every invitation has left.
 */
export const collectorStatusesByKind: Readonly<Record<CollectorKind, readonly CollectorStatus[]>> = {
  email: ['draft', 'sending', 'paused'],
  kiosk: ['active', 'paused', 'done'],
  meeting: ['active', 'paused', 'done'],
  afterCase: ['active', 'paused', 'done'],
};

/** The agent's departments whose surveys they may enter answers for (the desk, meetings). */
export function surveyEntryDepartments(agent: Pick<Agent, 'roles'>): string[] {
  return departmentsOf(agent).filter((departmentId) => mayPerform(agent, 'survey.response.enter', departmentId));
}
