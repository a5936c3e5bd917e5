import { z } from 'zod';
import { channelSchema, idSchema, invalidTextIssue, isoDateSchema, isoDateTimeSchema, isStorableText, textSchema } from './common';

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

/** A survey, as its `survey` row holds it (docs/surveys.md). */
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
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /** Bumped by each change an agent makes: a save names the version it edited (compare-and-set). */
  version: z.number().int(),
});
export type Survey = z.infer<typeof surveySchema>;

/**
 * Where an answer came from. `link`: the public link or its QR code (posters, a meeting's screen); `email`: a
 * campaign's single-use link; `kiosk`: a tablet in a public place; `counter` and `phone`: an agent entering
 * what a citizen says; `meeting`: an agent's quick entry of an opinion spoken at a public meeting; `case`: the
 * invitation sent when a case closes.
 */
export const surveyChannelSchema = z.enum(['link', 'email', 'kiosk', 'counter', 'phone', 'meeting', 'case']);
export type SurveyChannel = z.infer<typeof surveyChannelSchema>;

/** An answer's value as SurveyJS gives it: text, number, boolean, a list of choices, a matrix's row → column. */
export const answerValueSchema = z.union([
  z.string().max(surveyLimits.textLength).refine(isStorableText, invalidTextIssue),
  z.number().finite(),
  z.boolean(),
  z
    .array(z.union([z.string().max(surveyLimits.labelLength).refine(isStorableText, invalidTextIssue), z.number().finite()]))
    .max(surveyLimits.listItems),
  z.record(
    z.string().max(surveyLimits.nameLength).refine(isStorableText, invalidTextIssue),
    z.union([z.string().max(surveyLimits.labelLength).refine(isStorableText, invalidTextIssue), z.number().finite()]),
  ),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** A response's answers keyed by question name (SurveyJS's `data`; `<name>-Comment` holds an "other" text). */
export const surveyAnswersSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(surveyLimits.nameLength + 8)
      .refine(isStorableText, invalidTextIssue),
    answerValueSchema,
  )
  .refine((answers) => Object.keys(answers).length <= surveyLimits.questions * 2, { params: { code: 'too_many_answers' } });
export type SurveyAnswers = z.infer<typeof surveyAnswersSchema>;

/**
 * What the central service knew of an identified respondent when the answer arrived, kept on the response so
 * the synthesis can cross departments on any replica without the citizen file: the departments where they had
 * a case in the twelve months before, and their area (postal code). Null for anonymous answers.
 */
export const respondentProfileSchema = z.object({
  departmentsWithCase: z.array(idSchema).max(100),
  area: z.string().max(10).nullable(),
});
export type RespondentProfile = z.infer<typeof respondentProfileSchema>;

/**
 * One response. Its id is generated where it was given (the browser, the kiosk, the workspace), so sending it
 * again never counts it twice.
 */
export const surveyResponseSchema = z.object({
  id: idSchema,
  surveyId: idSchema,
  /** The survey's department, copied so pulls and scope drops need no join. */
  departmentId: idSchema,
  channel: surveyChannelSchema,
  /** The campaign, kiosk, meeting or after-a-case invitation it came through. */
  collectorId: idSchema.nullable(),
  /** The case it rates (after-a-case invitations, feedback). */
  caseId: idSchema.nullable(),
  /** The citizen who answered; always null on an anonymous survey. */
  citizenId: idSchema.nullable(),
  /** The agent who entered it on the citizen's behalf (counter, phone, meeting). */
  agentId: idSchema.nullable(),
  answers: surveyAnswersSchema,
  /** A meeting's quick entry: the opinion as the agent noted it. */
  note: textSchema({ max: surveyLimits.textLength }).nullable(),
  profile: respondentProfileSchema.nullable(),
  submittedAt: isoDateTimeSchema,
});
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

/** The ways a survey is spread beyond its public link, each with its own counts in the synthesis. */
export const collectorKindSchema = z.enum(['email', 'kiosk', 'meeting', 'afterCase']);
export type CollectorKind = z.infer<typeof collectorKindSchema>;

/** Who an email campaign writes to: citizens who consented to surveys, narrowed by any of these (empty: all). */
export const campaignSegmentSchema = z.object({
  /** Citizens with a case in these departments… */
  departmentIds: z.array(idSchema).max(50),
  /** …or of these categories… */
  categoryIds: z.array(idSchema).max(200),
  /** …within this many months (null: ever). */
  sinceMonths: z.number().int().min(1).max(120).nullable(),
  /** Citizens living in these postal codes. */
  postalCodes: z.array(z.string().regex(/^\d{5}$/)).max(100),
  /** Citizens whose preferred channel is one of these. */
  channels: z.array(channelSchema).max(20),
});
export type CampaignSegment = z.infer<typeof campaignSegmentSchema>;

export const collectorSettingsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    segment: campaignSegmentSchema,
    /** Emails handed to the SMTP server per minute. */
    ratePerMinute: z.number().int().min(1).max(60_000),
    /** Days after which non-respondents get one reminder (null: none). */
    reminderAfterDays: z.number().int().min(1).max(60).nullable(),
  }),
  z.object({ kind: z.literal('kiosk') }),
  z.object({ kind: z.literal('meeting'), date: isoDateSchema }),
  z.object({ kind: z.literal('afterCase'), categoryIds: z.array(idSchema).min(1).max(200) }),
]);
export type CollectorSettings = z.infer<typeof collectorSettingsSchema>;

export const collectorStatusSchema = z.enum(['draft', 'active', 'sending', 'paused', 'done']);
export type CollectorStatus = z.infer<typeof collectorStatusSchema>;

/** What the central service counts for a collector as it sends and receives (an email campaign's progress). */
export const collectorStatsSchema = z.object({
  recipients: z.number().int().min(0),
  sent: z.number().int().min(0),
  failed: z.number().int().min(0),
  reminded: z.number().int().min(0),
  unsubscribed: z.number().int().min(0),
  responded: z.number().int().min(0),
  /** Why it cannot go on, as an error code (`SMTP_NOT_CONFIGURED`…); null when nothing stops it. */
  problem: z.string().max(64).nullable(),
});
export type CollectorStats = z.infer<typeof collectorStatsSchema>;

/** A campaign, a kiosk's place, a meeting or an after-a-case rule of one survey. */
export const surveyCollectorSchema = z.object({
  id: idSchema,
  surveyId: idSchema,
  departmentId: idSchema,
  /** The place (kiosk), the meeting's name, the campaign's name. */
  label: textSchema({ min: 1, max: 200 }),
  settings: collectorSettingsSchema,
  status: collectorStatusSchema,
  stats: collectorStatsSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SurveyCollector = z.infer<typeof surveyCollectorSchema>;
