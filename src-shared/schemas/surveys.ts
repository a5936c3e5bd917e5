import { z } from 'zod';
import { idSchema, isoDateSchema, isStorableText, textSchema } from './common';

/**
 * Bounds on a survey definition (SurveyJS JSON) and the survey a `survey` row will hold. The schema of
 * SurveyJS itself is checked by `validateSurveyJson` (src-shared/surveys/validate-json.ts); these limits
 * keep a definition small enough to sync, render on a kiosk and synthesise.
 */
export const surveyLimits = {
  pages: 30,
  questions: 200,
  /** Items of any one list: choices, matrix rows or columns, elements of a page. */
  listItems: 200,
  /** A name (the key an answer is stored under). */
  nameLength: 100,
  /** A title, a choice's text, a label. */
  labelLength: 500,
  /** Any other text: a description, an HTML block, an expression. */
  textLength: 5000,
  depth: 20,
} as const;

const labelKeys = new Set(['title', 'text', 'otherText', 'minRateDescription', 'maxRateDescription', 'labelTrue', 'labelFalse']);

type Issue = { path: (string | number)[]; code: string; maximum?: number };

/** Walks the definition once, reporting each value past a limit. */
function limitIssues(json: unknown): Issue[] {
  const issues: Issue[] = [];
  let questions = 0;
  const visit = (value: unknown, path: (string | number)[], label: boolean): void => {
    if (path.length > surveyLimits.depth) {
      issues.push({ path, code: 'too_deep', maximum: surveyLimits.depth });
      return;
    }
    if (typeof value === 'string') {
      const key = path.findLast((part) => typeof part === 'string');
      const maximum = key === 'name' ? surveyLimits.nameLength : label ? surveyLimits.labelLength : surveyLimits.textLength;
      if (value.length > maximum) issues.push({ path, code: 'too_big', maximum });
      else if (!isStorableText(value)) issues.push({ path, code: 'invalid_text' });
    } else if (Array.isArray(value)) {
      if (value.length > surveyLimits.listItems) issues.push({ path, code: 'too_big', maximum: surveyLimits.listItems });
      else value.forEach((item, index) => visit(item, [...path, index], label));
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string' && typeof record.name === 'string') questions++;
      for (const [key, inner] of Object.entries(record)) visit(inner, [...path, key], label || labelKeys.has(key));
    }
  };
  visit(json, [], false);
  if (questions > surveyLimits.questions) issues.push({ path: [], code: 'survey_questions', maximum: surveyLimits.questions });
  return issues;
}

/** A SurveyJS definition within the limits (its SurveyJS shape is validated apart). */
export const surveyDefinitionSchema = z
  .looseObject({ pages: z.array(z.looseObject({})).max(surveyLimits.pages).optional() })
  .superRefine((json, ctx) => {
    for (const { path, code, maximum } of limitIssues(json)) {
      ctx.addIssue({ code: 'custom', path, params: { code, ...(maximum === undefined ? {} : { maximum }) }, input: json });
    }
  });

export const surveyStatusSchema = z.enum(['draft', 'open', 'closed', 'published']);
export type SurveyStatus = z.infer<typeof surveyStatusSchema>;

/** Whether answers carry who gave them: `anonymous` keeps no link to a citizen. */
export const surveyAnonymitySchema = z.enum(['anonymous', 'identified']);
export type SurveyAnonymity = z.infer<typeof surveyAnonymitySchema>;

const localizedPurposeSchema = z.object({
  fr: textSchema({ max: surveyLimits.textLength }),
  en: textSchema({ max: surveyLimits.textLength }),
});

/** What a `survey` row will hold (storage and sync come with the entity registry's next step). */
export const surveySchema = z.object({
  id: idSchema,
  departmentId: idSchema,
  status: surveyStatusSchema,
  opensOn: isoDateSchema.nullable(),
  closesOn: isoDateSchema.nullable(),
  anonymity: surveyAnonymitySchema,
  /** The RGPD information shown to respondents before the first question. */
  purpose: localizedPurposeSchema,
  definition: surveyDefinitionSchema,
});
export type Survey = z.infer<typeof surveySchema>;
