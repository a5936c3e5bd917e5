import { departmentsOf } from '../domain/permissions';
import { fail } from '../errors';
import type { SurveyResponse } from '../schemas/surveys';
import type { AnswerTag, Outcome, SurveyIndicator } from '../schemas/voice';
import { requirePermission } from './case-helpers';
import type { MutationArgs } from './definitions';
import type { Decision, MutatorContext } from './effects';

/** What the departments steer by and say back: indicators, themes on open answers, outcomes (docs/surveys.md). */

/** A department's indicator, created or replaced whole: its label and the closed questions that feed it. */
export function saveIndicator(ctx: MutatorContext, args: MutationArgs<'indicator.save'>): Decision<{ id: string }> {
  requirePermission(ctx, 'indicator.save', 'survey.design', args.departmentId);
  const current = ctx.read.row('surveyIndicator', args.id) as SurveyIndicator | null;
  if (current !== null && !departmentsOf(ctx.agent).includes(current.departmentId)) throw fail('RESOURCE_NOT_FOUND');
  if (current !== null && current.departmentId !== args.departmentId)
    throw fail('DEPARTMENT_CHANGED', { expected: args.departmentId, actual: current.departmentId });
  for (const source of args.sources) {
    const survey = ctx.read.row('survey', source.surveyId) as { departmentId: string } | null;
    // A department steers by its own surveys: another's (which its replica does not hold) is not found.
    if (survey === null || survey.departmentId !== args.departmentId) throw fail('RESOURCE_NOT_FOUND');
  }
  const at = ctx.now.toISOString();
  const fields = { label: args.label, sources: args.sources, updatedAt: at };
  if (current === null) {
    const row: SurveyIndicator = { id: args.id, departmentId: args.departmentId, ...fields, createdAt: at };
    return { effects: [{ op: 'insert', entity: 'surveyIndicator', row }], result: { id: args.id } };
  }
  return { effects: [{ op: 'update', entity: 'surveyIndicator', id: args.id, patch: fields }], result: { id: args.id } };
}

/**
 * A row of a department, once the agent is established to be one of its members. As for cases and surveys, a
 * row outside the agent's departments answers as if it did not exist (their replica does not hold it): the
 * refusal tells nothing of its existence. Inside them, the permission decides (FORBIDDEN).
 */
function memberRow<T extends { departmentId: string }>(ctx: MutatorContext, row: T | null): T {
  if (row === null || !departmentsOf(ctx.agent).includes(row.departmentId)) throw fail('RESOURCE_NOT_FOUND');
  return row;
}

/** The response an agent tags, once they may work on its department's answers. */
function responseToTag(ctx: MutatorContext, responseId: string, mutation: 'answer.tag' | 'answer.untag'): SurveyResponse {
  const response = memberRow(ctx, ctx.read.row('surveyResponse', responseId) as SurveyResponse | null);
  requirePermission(ctx, mutation, 'survey.answer.tag', response.departmentId);
  return response;
}

/** Files one open answer under a theme. */
export function tagAnswer(ctx: MutatorContext, args: MutationArgs<'answer.tag'>): Decision<{ id: string }> {
  const response = responseToTag(ctx, args.responseId, 'answer.tag');
  if (typeof response.answers[args.question] !== 'string') throw fail('RESOURCE_NOT_FOUND');
  const row: AnswerTag = {
    id: args.id,
    surveyId: response.surveyId,
    departmentId: response.departmentId,
    responseId: response.id,
    question: args.question,
    theme: args.theme,
    agentId: ctx.agent.id,
    createdAt: ctx.now.toISOString(),
    removedAt: null,
  };
  return { effects: [{ op: 'insert', entity: 'answerTag', row }], result: { id: args.id } };
}

/** Takes a tag off (the row stays, removed: rows are never deleted). */
export function untagAnswer(ctx: MutatorContext, args: MutationArgs<'answer.untag'>): Decision<{ id: string }> {
  const tag = ctx.read.row('answerTag', args.id) as AnswerTag | null;
  if (tag === null) throw fail('RESOURCE_NOT_FOUND');
  responseToTag(ctx, tag.responseId, 'answer.untag');
  if (tag.removedAt !== null) return { effects: [], result: { id: args.id } };
  return {
    effects: [{ op: 'update', entity: 'answerTag', id: args.id, patch: { removedAt: ctx.now.toISOString() } }],
    result: { id: args.id },
  };
}

function outcomeToEdit(ctx: MutatorContext, id: string, expectedVersion: number, mutation: 'outcome.save' | 'outcome.publish'): Outcome {
  const current = memberRow(ctx, ctx.read.row('outcome', id) as Outcome | null);
  requirePermission(ctx, mutation, 'outcome.publish', current.departmentId);
  if (current.version !== expectedVersion)
    throw fail('VERSION_CONFLICT', { entity: 'outcome', expected: expectedVersion, actual: current.version });
  return current;
}

/**
 * What an outcome answers is its department's: a survey of another (which its replica does not hold) is not
 * found, and a case must be one the agent's departments hold. Its participants are emailed on publication.
 */
function checkOutcomeLinks(ctx: MutatorContext, args: MutationArgs<'outcome.save'>): void {
  for (const surveyId of args.surveyIds) {
    const survey = ctx.read.row('survey', surveyId) as { departmentId: string } | null;
    if (survey === null || survey.departmentId !== args.departmentId) throw fail('SURVEY_NOT_FOUND', { surveyId });
  }
  for (const caseId of args.caseIds) {
    const linked = ctx.read.case(caseId);
    if (linked === null || !departmentsOf(ctx.agent).includes(linked.departmentId)) throw fail('CASE_NOT_FOUND', { caseId });
  }
}

/**
 * Writes what the city changed. A published outcome may still be corrected (it stays published: the public
 * page shows the correction); its department never changes.
 */
export function saveOutcome(ctx: MutatorContext, args: MutationArgs<'outcome.save'>): Decision<{ id: string; version: number }> {
  const at = ctx.now.toISOString();
  const fields = { title: args.title, body: args.body, surveyIds: args.surveyIds, caseIds: args.caseIds, updatedAt: at };
  if (args.expectedVersion === null) {
    requirePermission(ctx, 'outcome.save', 'outcome.publish', args.departmentId);
    if (ctx.read.row('outcome', args.id) !== null) throw fail('ID_TAKEN');
    checkOutcomeLinks(ctx, args);
    const row: Outcome = {
      id: args.id,
      departmentId: args.departmentId,
      ...fields,
      status: 'draft',
      publishedAt: null,
      createdAt: at,
      version: 1,
      // Counted by the central service once it writes to the participants, never by a workspace.
      mailStats: null,
    };
    return { effects: [{ op: 'insert', entity: 'outcome', row }], result: { id: args.id, version: 1 } };
  }
  const current = outcomeToEdit(ctx, args.id, args.expectedVersion, 'outcome.save');
  if (current.departmentId !== args.departmentId)
    throw fail('DEPARTMENT_CHANGED', { expected: args.departmentId, actual: current.departmentId });
  checkOutcomeLinks(ctx, args);
  const version = current.version + 1;
  return { effects: [{ op: 'update', entity: 'outcome', id: args.id, patch: { ...fields, version } }], result: { id: args.id, version } };
}

/** Publishes an outcome: the central service shows it on its public page and writes to the participants who consented. */
export function publishOutcome(ctx: MutatorContext, args: MutationArgs<'outcome.publish'>): Decision<{ id: string; version: number }> {
  const current = outcomeToEdit(ctx, args.id, args.expectedVersion, 'outcome.publish');
  if (current.status === 'published') return { effects: [], result: { id: args.id, version: current.version } };
  const version = current.version + 1;
  const at = ctx.now.toISOString();
  return {
    effects: [{ op: 'update', entity: 'outcome', id: args.id, patch: { status: 'published', publishedAt: at, updatedAt: at, version } }],
    result: { id: args.id, version },
  };
}
