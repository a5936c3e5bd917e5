import { departmentsOf, mayPerform, type PermissionAction } from '../domain/permissions';
import { surveyTransitions } from '../domain/survey-status';
import { fail } from '../errors';
import type { Survey, SurveyStatus } from '../schemas/surveys';
import { checkSurvey, importSurveyJson, isQuestion } from '../surveys';
import { surveySchemaProblem } from '../surveys/validate-json';
import { requirePermission } from './case-helpers';
import type { MutationArgs, MutationName } from './definitions';
import type { Decision, MutatorContext } from './effects';

/**
 * The survey a mutation acts on, once the agent's permission in its department is established. As for
 * cases, a survey outside the agent's departments answers as if it did not exist (their replica does not
 * hold it), and FORBIDDEN inside them; neither answer carries a field of the row.
 */
export function surveyToActOn(ctx: MutatorContext, surveyId: string, mutation: MutationName, permission: PermissionAction): Survey {
  const found = ctx.read.row('survey', surveyId) as Survey | null;
  if (found !== null && mayPerform(ctx.agent, permission, found.departmentId)) return found;
  if (found === null || !departmentsOf(ctx.agent).includes(found.departmentId)) throw fail('SURVEY_NOT_FOUND', { surveyId });
  throw fail('FORBIDDEN', { action: mutation });
}

/** JSON equality whatever the key order (PostgreSQL's jsonb does not keep it). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  const left = Object.entries(a as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const right = b as Record<string, unknown>;
  return (
    left.length === Object.values(right).filter((value) => value !== undefined).length &&
    left.every(([key, value]) => Object.hasOwn(right, key) && sameJson(value, right[key]))
  );
}

/**
 * What a definition must hold to be stored: SurveyJS's schema (ajv: run here, in the main core and the
 * central service, never in the renderer) and the designer's own rules (names, conditions, choices).
 */
function refuseDefinitionProblems(definition: unknown): void {
  const schemaProblem = surveySchemaProblem(definition);
  if (schemaProblem !== null) throw schemaProblem;
  const [problem] = checkSurvey(importSurveyJson(definition));
  if (problem !== undefined) throw fail(problem.code, problem.args as never);
}

function questionCount(definition: unknown): number {
  return importSurveyJson(definition).pages.reduce((count, page) => count + page.elements.filter(isQuestion).length, 0);
}

/** What may change in each status: the questions and who answers in draft only; nothing once published. */
function refuseLockedChanges(current: Survey, args: MutationArgs<'survey.save'>): void {
  const lock = (field: string) => fail('SURVEY_LOCKED', { status: current.status, field });
  if (current.status === 'draft') return;
  if (!sameJson(current.definition, args.definition)) throw lock('definition');
  if (current.anonymity !== args.anonymity) throw lock('anonymity');
  if (current.status !== 'published') return;
  if (!sameJson(current.purpose, args.purpose)) throw lock('purpose');
  if (current.opensOn !== args.opensOn) throw lock('opensOn');
  if (current.closesOn !== args.closesOn) throw lock('closesOn');
}

/**
 * Creates a survey (expectedVersion null) or edits the version the agent saw (compare-and-set). Its department
 * is fixed at creation: its collectors and responses copy it.
 */
export function saveSurvey(ctx: MutatorContext, args: MutationArgs<'survey.save'>): Decision<{ id: string; version: number }> {
  const at = ctx.now.toISOString();
  if (args.expectedVersion === null) {
    requirePermission(ctx, 'survey.save', 'survey.design', args.departmentId);
    if (ctx.read.row('survey', args.id) !== null) throw fail('ID_TAKEN');
    refuseDefinitionProblems(args.definition);
    const row: Survey = {
      id: args.id,
      departmentId: args.departmentId,
      status: 'draft',
      opensOn: args.opensOn,
      closesOn: args.closesOn,
      anonymity: args.anonymity,
      purpose: args.purpose,
      definition: args.definition,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    return { effects: [{ op: 'insert', entity: 'survey', row }], result: { id: args.id, version: 1 } };
  }
  const current = surveyToActOn(ctx, args.id, 'survey.save', 'survey.design');
  if (current.version !== args.expectedVersion) {
    throw fail('VERSION_CONFLICT', { entity: 'survey', expected: args.expectedVersion, actual: current.version });
  }
  if (current.departmentId !== args.departmentId) {
    throw fail('DEPARTMENT_CHANGED', { expected: args.departmentId, actual: current.departmentId });
  }
  refuseLockedChanges(current, args);
  if (current.status === 'draft') refuseDefinitionProblems(args.definition);
  const version = current.version + 1;
  const patch: Partial<Survey> = {
    anonymity: args.anonymity,
    purpose: args.purpose,
    definition: args.definition,
    opensOn: args.opensOn,
    closesOn: args.closesOn,
    updatedAt: at,
    version,
  };
  return { effects: [{ op: 'update', entity: 'survey', id: current.id, patch }], result: { id: current.id, version } };
}

export function setSurveyStatus(
  ctx: MutatorContext,
  args: MutationArgs<'survey.setStatus'>,
): Decision<{ id: string; status: SurveyStatus; version: number }> {
  const current = surveyToActOn(ctx, args.id, 'survey.setStatus', 'survey.design');
  if (current.status !== args.from) throw fail('STATUS_CHANGED', { expected: args.from, actual: current.status });
  if (!surveyTransitions[current.status].includes(args.to)) throw fail('TRANSITION_NOT_ALLOWED', { from: current.status, action: args.to });
  if (args.to === 'open') {
    refuseDefinitionProblems(current.definition);
    if (questionCount(current.definition) === 0) throw fail('SURVEY_NO_QUESTION');
  }
  const version = current.version + 1;
  return {
    effects: [{ op: 'update', entity: 'survey', id: current.id, patch: { status: args.to, updatedAt: ctx.now.toISOString(), version } }],
    result: { id: current.id, status: args.to, version },
  };
}
