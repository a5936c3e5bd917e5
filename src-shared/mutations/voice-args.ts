import { z } from 'zod';
import { idSchema, textSchema } from '../schemas/common';
import { indicatorSourceSchema, outcomeSchema, questionNameSchema } from '../schemas/voice';

/** The arguments of the mutations on indicators, answer themes and outcomes (voice-mutators.ts). */
const localized = (max: number) => z.object({ fr: textSchema({ min: 1, max }), en: textSchema({ max }) });

export const voiceArgsSchemas = {
  'indicator.save': z.object({
    id: idSchema,
    departmentId: idSchema,
    label: localized(200),
    sources: z.array(indicatorSourceSchema).max(50),
  }),
  'answer.tag': z.object({
    id: idSchema,
    responseId: idSchema,
    question: questionNameSchema,
    theme: textSchema({ min: 1, max: 80 }),
  }),
  'answer.untag': z.object({ id: idSchema }),
  'outcome.save': z.object({
    id: idSchema,
    departmentId: idSchema,
    title: localized(200),
    body: localized(5000),
    surveyIds: outcomeSchema.shape.surveyIds,
    caseIds: outcomeSchema.shape.caseIds,
    /** Null to create; otherwise the version the agent edited (compare-and-set). */
    expectedVersion: z.number().int().nullable(),
  }),
  'outcome.publish': z.object({ id: idSchema, expectedVersion: z.number().int() }),
} as const;
