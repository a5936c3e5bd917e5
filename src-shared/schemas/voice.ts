import { z } from 'zod';
import { idSchema, invalidTextIssue, isoDateTimeSchema, isStorableText, textSchema } from './common';
import { surveyLimits } from './surveys';

/**
 * What a department steers by and what it says back: indicators fed by closed questions, themes agents tag
 * open answers with, and published outcomes ("Vous avez dit, nous avons fait"). docs/surveys.md.
 */

const label = textSchema({ min: 1, max: 200 });
/** A question's name (`<name>-Comment` for an "other" text): storable text, never trimmed (it is a key). */
export const questionNameSchema = z
  .string()
  .min(1)
  .max(surveyLimits.nameLength + 8)
  .refine(isStorableText, invalidTextIssue);

const localizedLabelSchema = z.object({ fr: label, en: textSchema({ max: 200 }) });

/** One closed question feeding an indicator: the answers that count as favourable. */
export const indicatorSourceSchema = z.object({
  surveyId: idSchema,
  question: questionNameSchema,
  /** Choice values, rating levels, `true` for yes/no… An answer among these is favourable. */
  favourable: z
    .array(z.union([z.string().max(surveyLimits.labelLength).refine(isStorableText, invalidTextIssue), z.number().finite(), z.boolean()]))
    .min(1)
    .max(surveyLimits.listItems),
});
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;

/**
 * A department's steering indicator (e.g. "satisfaction with the pool's opening hours"): the share of
 * favourable answers among the answers to its sources, followed over time across successive surveys and
 * channels.
 */
export const surveyIndicatorSchema = z.object({
  id: idSchema,
  departmentId: idSchema,
  label: localizedLabelSchema,
  sources: z.array(indicatorSourceSchema).max(50),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SurveyIndicator = z.infer<typeof surveyIndicatorSchema>;

/** An agent's tag on one open answer: the answer's response and question, and the theme's label. */
export const answerTagSchema = z.object({
  id: idSchema,
  surveyId: idSchema,
  departmentId: idSchema,
  responseId: idSchema,
  question: z
    .string()
    .min(1)
    .max(surveyLimits.nameLength + 8),
  theme: textSchema({ min: 1, max: 80 }),
  agentId: idSchema,
  createdAt: isoDateTimeSchema,
  /** Tags are never deleted (rows only change): an untagged answer keeps its row, removed. */
  removedAt: isoDateTimeSchema.nullable(),
});
export type AnswerTag = z.infer<typeof answerTagSchema>;

export const outcomeStatusSchema = z.enum(['draft', 'published']);
export type OutcomeStatus = z.infer<typeof outcomeStatusSchema>;

/**
 * What became of a published outcome's emails to its participants, counted by the central service from its
 * own `voice_mails` (never written by a workspace): emails owed, sent, failed for good, not sent because the
 * address unsubscribed, not sent for another reason (consent withdrawn, file merged, address removed); the
 * rest wait. `problem` says why none leaves (`SMTP_NOT_CONFIGURED`), null when nothing stops them.
 */
export const outcomeMailStatsSchema = z.object({
  recipients: z.number().int().min(0),
  sent: z.number().int().min(0),
  failed: z.number().int().min(0),
  optedOut: z.number().int().min(0),
  skipped: z.number().int().min(0),
  problem: z.string().max(64).nullable(),
});
export type OutcomeMailStats = z.infer<typeof outcomeMailStatsSchema>;

/** The most cases one outcome links (the editor links a theme's feedback up to it, and says so). */
export const outcomeCaseLimit = 500;

/** What the city changed, linked to the surveys, feedback and cases that asked for it. */
export const outcomeSchema = z.object({
  id: idSchema,
  departmentId: idSchema,
  title: localizedLabelSchema,
  body: z.object({ fr: textSchema({ min: 1, max: 5000 }), en: textSchema({ max: 5000 }) }),
  surveyIds: z.array(idSchema).max(50),
  caseIds: z.array(idSchema).max(outcomeCaseLimit),
  status: outcomeStatusSchema,
  publishedAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
  /** Null until the central service has counted its emails (a draft, or just published). */
  mailStats: outcomeMailStatsSchema.nullable(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/**
 * An agent's theme on a feedback case (a case of kind `feedback`): the same themes as open answers', so
 * "Horaires" is one theme everywhere. A child of its case: it follows the case's department (a transferred
 * case takes its themes along), and the central service keeps a copy of that department to filter pulls.
 * Its id is the case's and the theme's (`caseTagId`): a theme is on a case once.
 */
export const caseTagSchema = z.object({
  id: idSchema,
  caseId: idSchema,
  theme: textSchema({ min: 1, max: 80 }),
  agentId: idSchema,
  createdAt: isoDateTimeSchema,
  /** Tags are never deleted (rows only change): a theme taken off keeps its row, removed. */
  removedAt: isoDateTimeSchema.nullable(),
});
export type CaseTag = z.infer<typeof caseTagSchema>;
