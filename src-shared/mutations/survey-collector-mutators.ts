import { collectorStatusesByKind } from '../domain/survey-status';
import { fail } from '../errors';
import type { CollectorStatus, SurveyCollector } from '../schemas/surveys';
import type { MutationArgs } from './definitions';
import type { Decision, MutatorContext } from './effects';
import { sameJson, surveyToActOn } from './survey-mutators';

const zeroStats: SurveyCollector['stats'] = {
  recipients: 0,
  sent: 0,
  failed: 0,
  reminded: 0,
  unsubscribed: 0,
  responded: 0,
  problem: null,
};

/** A collector takes no new answers from a survey that does not: starting or activating one needs it open. */
const collecting: readonly CollectorStatus[] = ['sending', 'active'];

/**
 * Creates or edits one of a survey's collectors (`survey.design` in its department). Its counts belong to the
 * central service, which counts as it sends and receives: never written here.
 */
export function saveSurveyCollector(ctx: MutatorContext, args: MutationArgs<'surveyCollector.save'>): Decision<{ id: string }> {
  const survey = surveyToActOn(ctx, args.surveyId, 'surveyCollector.save', 'survey.design');
  const { kind } = args.settings;
  if (!collectorStatusesByKind[kind].includes(args.status)) throw fail('SURVEY_COLLECTOR_INVALID', { kind, status: args.status });
  if (kind === 'afterCase') {
    for (const categoryId of args.settings.categoryIds) {
      const category = ctx.read.category(categoryId);
      if (category === null) throw fail('CATEGORY_NOT_FOUND', { categoryId });
      if (category.departmentId !== survey.departmentId) throw fail('SURVEY_CATEGORY_OUTSIDE_DEPARTMENT', { categoryId });
    }
  }
  const current = ctx.read.row('surveyCollector', args.id) as SurveyCollector | null;
  if (current !== null && current.surveyId !== survey.id) throw fail('SURVEY_COLLECTOR_NOT_FOUND', { collectorId: args.id });
  const starting = current === null || current.status !== args.status;
  if (starting && collecting.includes(args.status) && survey.status !== 'open') throw fail('SURVEY_NOT_OPEN', { status: survey.status });
  const at = ctx.now.toISOString();
  if (current === null) {
    const row: SurveyCollector = {
      id: args.id,
      surveyId: survey.id,
      departmentId: survey.departmentId,
      label: args.label,
      settings: args.settings,
      status: args.status,
      stats: zeroStats,
      createdAt: at,
      updatedAt: at,
    };
    return { effects: [{ op: 'insert', entity: 'surveyCollector', row }], result: { id: args.id } };
  }
  if (current.settings.kind !== kind) throw fail('SURVEY_COLLECTOR_INVALID', { kind, status: args.status });
  if (args.expectedUpdatedAt !== undefined && args.expectedUpdatedAt !== current.updatedAt) {
    throw fail('SURVEY_COLLECTOR_CHANGED', { expected: args.expectedUpdatedAt, actual: current.updatedAt });
  }
  // A campaign's audience is fixed once it has started: the central service selects and writes to it in
  // passes, and a segment changed between two would mix two audiences under one campaign's counts.
  if (
    current.settings.kind === 'email' &&
    args.settings.kind === 'email' &&
    current.status !== 'draft' &&
    !sameJson(current.settings.segment, args.settings.segment)
  ) {
    throw fail('SURVEY_COLLECTOR_LOCKED', { field: 'segment' });
  }
  return {
    effects: [
      {
        op: 'update',
        entity: 'surveyCollector',
        id: current.id,
        patch: { label: args.label, settings: args.settings, status: args.status, updatedAt: at },
      },
    ],
    result: { id: current.id },
  };
}
