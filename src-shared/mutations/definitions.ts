import type { z } from 'zod';
import { idSchema, textSchema } from '../schemas/common';
import {
  caseCommentInputSchema,
  caseOpenInputSchema,
  caseReassignInputSchema,
  caseUpdateInputSchema,
  caseTransferInputSchema,
  caseTransitionInputSchema,
  citizenInputSchema,
  citizenUpdateInputSchema,
} from '../schemas/procedures';
import { voiceArgsSchemas } from './voice-args';
import {
  surveyCollectorSaveArgsSchema,
  surveyResponseRecordArgsSchema,
  surveySaveArgsSchema,
  surveySetStatusInputSchema,
} from '../schemas/survey-procedures';

/**
 * Every write is one of these named mutations. Arguments carry every generated value (ids, tracking
 * code) so that the central service replays exactly what the agent did (docs/sync.md).
 */
export const mutationArgsSchemas = {
  'citizen.create': citizenInputSchema.extend({ id: idSchema }),
  'citizen.update': citizenUpdateInputSchema,
  'case.open': caseOpenInputSchema.extend({ id: idSchema, trackingCode: textSchema({ min: 1, max: 20 }), eventId: idSchema }),
  'case.transition': caseTransitionInputSchema.extend({ eventId: idSchema }),
  'case.transfer': caseTransferInputSchema.extend({ eventId: idSchema }),
  'case.update': caseUpdateInputSchema.extend({ eventId: idSchema }),
  'case.reassign': caseReassignInputSchema.extend({ eventId: idSchema }),
  'case.comment': caseCommentInputSchema.extend({ eventId: idSchema }),
  ...voiceArgsSchemas,
  'survey.save': surveySaveArgsSchema,
  'survey.setStatus': surveySetStatusInputSchema,
  'surveyCollector.save': surveyCollectorSaveArgsSchema,
  'surveyResponse.record': surveyResponseRecordArgsSchema,
} as const;

export type MutationName = keyof typeof mutationArgsSchemas;
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgsSchemas)[N]>;
export type MutationInput<N extends MutationName> = z.input<(typeof mutationArgsSchemas)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutationArgsSchemas, name);
}
