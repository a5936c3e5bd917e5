import { fail } from '../errors';
import type { Case, CaseEvent } from '../schemas/entities';
import type { Effect, MutatorContext } from './effects';

/** The case a mutation acts on, as this side holds it. */
export function loadCase(ctx: MutatorContext, caseId: string): Case {
  const found = ctx.read.case(caseId);
  if (found === null) throw fail('CASE_NOT_FOUND', { caseId });
  return found;
}

/** A timeline event by the acting agent, now. */
export function caseEvent(ctx: MutatorContext, row: Pick<CaseEvent, 'id' | 'caseId' | 'type' | 'data'>): Effect {
  return { op: 'insert', entity: 'caseEvent', row: { ...row, at: ctx.now.toISOString(), agentId: ctx.agent.id } };
}
