import { mayPerform } from '../domain/permissions';
import { fail } from '../errors';
import type { SurveyCollector, SurveyResponse } from '../schemas/surveys';
import { checkAnswers } from '../surveys/check-answers';
import { caseToActOn } from './case-helpers';
import type { MutationArgs } from './definitions';
import type { Decision, MutatorContext } from './effects';
import { surveyToActOn } from './survey-mutators';

/**
 * An answer an agent enters on a citizen's behalf (desk, phone) or notes at a public meeting, into an open
 * survey of a department they may enter for. The answers are checked against the definition as the public
 * pages check theirs; a meeting's quick entry may leave required questions empty (the note is the opinion).
 * On an anonymous survey the citizen is never kept, whatever the caller sent.
 */
export function recordSurveyResponse(ctx: MutatorContext, args: MutationArgs<'surveyResponse.record'>): Decision<{ id: string }> {
  const survey = surveyToActOn(ctx, args.surveyId, 'surveyResponse.record', 'survey.response.enter');
  if (ctx.read.row('surveyResponse', args.id) !== null) throw fail('ID_TAKEN');
  if (survey.status !== 'open') throw fail('SURVEY_NOT_OPEN', { status: survey.status });
  const problems = checkAnswers(survey.definition, args.answers).filter(
    (problem) => !(args.channel === 'meeting' && problem.code === 'required_missing'),
  );
  if (problems.length > 0) throw fail('SURVEY_ANSWERS_INVALID', { problems: problems.slice(0, 20) });
  if (Object.keys(args.answers).length === 0 && (args.note ?? '').trim() === '') {
    throw fail('SURVEY_ANSWERS_INVALID', { problems: [{ code: 'empty', question: '' }] });
  }
  if (args.collectorId !== null) {
    const collector = ctx.read.row('surveyCollector', args.collectorId) as SurveyCollector | null;
    if (collector === null || collector.surveyId !== survey.id) throw fail('SURVEY_COLLECTOR_NOT_FOUND', { collectorId: args.collectorId });
  }
  const citizenId = survey.anonymity === 'anonymous' ? null : args.citizenId;
  if (citizenId !== null) {
    // Naming a citizen needs the citizen file; an agent without it learns nothing of the record.
    if (!mayPerform(ctx.agent, 'citizen.read', null)) throw fail('FORBIDDEN', { action: 'surveyResponse.record' });
    if (ctx.read.citizen(citizenId) === null) throw fail('CITIZEN_NOT_FOUND', { citizenId });
  }
  if (args.caseId !== null) caseToActOn(ctx, args.caseId, 'surveyResponse.record', 'case.comment');
  const row: SurveyResponse = {
    id: args.id,
    surveyId: survey.id,
    departmentId: survey.departmentId,
    channel: args.channel,
    collectorId: args.collectorId,
    caseId: args.caseId,
    citizenId,
    agentId: ctx.agent.id,
    answers: args.answers,
    note: args.note,
    profile: null,
    submittedAt: ctx.now.toISOString(),
  };
  return { effects: [{ op: 'insert', entity: 'surveyResponse', row }], result: { id: args.id } };
}
