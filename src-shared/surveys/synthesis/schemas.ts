import { z } from 'zod';
import { idSchema, isoDateSchema } from '../../schemas/common';
import { surveyChannelSchema, surveyLimits } from '../../schemas/surveys';

const nameSchema = z
  .string()
  .min(1)
  .max(surveyLimits.nameLength + 8);

/** What the synthesis counts: responses submitted between two dates (inclusive, Europe/Paris), by a channel, a collector. */
export const synthesisFilterSchema = z
  .object({
    from: isoDateSchema.nullable(),
    to: isoDateSchema.nullable(),
    channel: surveyChannelSchema.nullable(),
    collectorId: idSchema.nullable(),
  })
  .refine((filter) => filter.from === null || filter.to === null || filter.from <= filter.to, {
    params: { code: 'date_range' },
    path: ['to'],
  });
export type SynthesisFilter = z.infer<typeof synthesisFilterSchema>;

export const noFilter: SynthesisFilter = { from: null, to: null, channel: null, collectorId: null };

export const synthesisInputSchema = z.object({ surveyId: idSchema, filter: synthesisFilterSchema });

/** What a closed question is crossed with. */
export const crosstabSegmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('channel') }),
  z.object({ kind: z.literal('collector') }),
  z.object({ kind: z.literal('area') }),
  /** Respondents who had a case in this department in the 12 months before answering, and the other identified ones. */
  z.object({ kind: z.literal('department'), departmentId: idSchema }),
  /** Another closed question (a matrix's row: `item`). */
  z.object({ kind: z.literal('question'), question: nameSchema, item: nameSchema.nullable() }),
]);
export type CrosstabSegmentChoice = z.infer<typeof crosstabSegmentSchema>;

export const crosstabInputSchema = z.object({
  surveyId: idSchema,
  filter: synthesisFilterSchema,
  question: nameSchema,
  /** A matrix's row; null for any other question. */
  item: nameSchema.nullable(),
  segment: crosstabSegmentSchema,
});
export type CrosstabInput = z.infer<typeof crosstabInputSchema>;

export const exportFormatSchema = z.enum(['xlsx', 'csv']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const surveyExportInputSchema = z.object({
  surveyId: idSchema,
  format: exportFormatSchema,
  language: z.enum(['fr', 'en']),
});

/** Every survey of a department in one workbook, one sheet each. */
export const departmentExportInputSchema = z.object({ departmentId: idSchema, language: z.enum(['fr', 'en']) });
