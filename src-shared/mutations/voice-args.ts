import { z } from 'zod';
import { idSchema, textSchema } from '../schemas/common';
import { indicatorSourceSchema, outcomeSchema, questionNameSchema } from '../schemas/voice';

/** The arguments of the mutations on indicators, answer and feedback themes, and outcomes (voice-mutators.ts, case-tag-mutators.ts). */
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
  // A feedback case's theme is named by its case and its text: its id is derived from them (caseTagId).
  'case.tag': z.object({ caseId: idSchema, theme: textSchema({ min: 1, max: 80 }) }),
  'case.untag': z.object({ caseId: idSchema, theme: textSchema({ min: 1, max: 80 }) }),
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
