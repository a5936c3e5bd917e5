import { fail, parseOrFail } from '../errors';
import { commentCase, openCase, transferCase, transitionCase } from './case-mutators';
import { reassignCase, updateCase } from './case-edit-mutators';
import { createCitizen, updateCitizen } from './citizen-mutators';
import { saveSurveyCollector } from './survey-collector-mutators';
import { saveSurvey, setSurveyStatus } from './survey-mutators';
import { recordSurveyResponse } from './survey-response-mutators';
import { isMutationName, mutationArgsSchemas, type MutationArgs, type MutationName } from './definitions';
import type { Decision, MutatorContext } from './effects';
import { tagCase, untagCase } from './case-tag-mutators';
import { publishOutcome, saveIndicator, saveOutcome, tagAnswer, untagAnswer } from './voice-mutators';

type Mutators = { [N in MutationName]: (ctx: MutatorContext, args: MutationArgs<N>) => Decision<unknown> };

/** One mutator per named mutation: the table the client and the central service both run. */
export const mutators = {
  'citizen.create': createCitizen,
  'citizen.update': updateCitizen,
  'case.open': openCase,
  'case.transition': transitionCase,
  'case.transfer': transferCase,
  'case.update': updateCase,
  'case.reassign': reassignCase,
  'case.comment': commentCase,
  'indicator.save': saveIndicator,
  'answer.tag': tagAnswer,
  'answer.untag': untagAnswer,
  'case.tag': tagCase,
  'case.untag': untagCase,
  'outcome.save': saveOutcome,
  'outcome.publish': publishOutcome,
  'survey.save': saveSurvey,
  'survey.setStatus': setSurveyStatus,
  'surveyCollector.save': saveSurveyCollector,
  'surveyResponse.record': recordSurveyResponse,
} satisfies Mutators;

export type MutationResult<N extends MutationName> = ReturnType<(typeof mutators)[N]>['result'];

/** Validates a mutation's arguments and decides its effects; throws a catalogue error when refused. */
export function decide<N extends MutationName>(
  ctx: MutatorContext,
  name: N,
  args: unknown,
): Decision<MutationResult<N>> & { args: MutationArgs<N> } {
  const parsed = parseOrFail(mutationArgsSchemas[name], args) as MutationArgs<N>;
  const mutator = mutators[name] as (ctx: MutatorContext, args: MutationArgs<N>) => Decision<MutationResult<N>>;
  return { ...mutator(ctx, parsed), args: parsed };
}

/** The same, for a name read from the wire. */
export function decideByName(ctx: MutatorContext, name: string, args: unknown): Decision<unknown> & { args: unknown } {
  if (!isMutationName(name)) throw fail('UNKNOWN_MUTATION', { name });
  return decide(ctx, name, args);
}
