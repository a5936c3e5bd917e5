import { fail } from '../errors';
import type { MutationName } from './definitions';
import type { MutationReader } from './effects';

/**
 * A refused mutation re-applied by the agent as a new change: fresh ids, and the compare-and-set fields
 * (the status, department or version the agent saw) taken from what the replica now holds, so it applies
 * to the current state on purpose rather than by accident.
 */
export function reapplyArgs(
  name: MutationName,
  args: Record<string, unknown>,
  read: MutationReader,
  newId: () => string,
): Record<string, unknown> {
  const currentCase = () => {
    const found = read.case(String(args.caseId));
    if (found === null) throw fail('CASE_NOT_FOUND', { caseId: String(args.caseId) });
    return found;
  };
  switch (name) {
    case 'citizen.create':
      return { ...args, id: newId() };
    case 'citizen.update': {
      const citizen = read.citizen(String(args.id));
      if (citizen === null) throw fail('CITIZEN_NOT_FOUND', { citizenId: String(args.id) });
      return { ...args, expectedVersion: citizen.version };
    }
    case 'case.open':
      return { ...args, id: newId(), trackingCode: null, eventId: newId() };
    case 'case.transition':
      return { ...args, eventId: newId(), expectedStatus: currentCase().status };
    case 'case.transfer':
      return { ...args, eventId: newId(), expectedDepartmentId: currentCase().departmentId };
    case 'case.comment':
    case 'case.reassign':
      return { ...args, eventId: newId() };
    case 'case.update':
      return { ...args, eventId: newId(), expectedVersion: currentCase().version };
    case 'indicator.save':
      return args;
    case 'answer.tag':
      return { ...args, id: newId() };
    case 'answer.untag':
    case 'case.tag':
    case 'case.untag':
      return args;
    case 'outcome.save':
    case 'outcome.publish': {
      const outcome = read.row('outcome', String(args.id)) as { version: number } | null;
      if (outcome === null) return name === 'outcome.save' ? { ...args, expectedVersion: null } : args;
      return { ...args, expectedVersion: outcome.version };
    }
    case 'survey.save': {
      const survey = read.row('survey', String(args.id));
      if (survey === null) return { ...args, id: newId(), expectedVersion: null };
      return { ...args, expectedVersion: survey.version };
    }
    case 'survey.setStatus': {
      const survey = read.row('survey', String(args.id));
      if (survey === null) throw fail('SURVEY_NOT_FOUND', { surveyId: String(args.id) });
      return { ...args, from: survey.status };
    }
    case 'surveyCollector.save': {
      const { expectedUpdatedAt: _, ...rest } = args;
      return rest;
    }
    case 'surveyResponse.record':
      return { ...args, id: newId() };
  }
}
