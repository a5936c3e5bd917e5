import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, textSchema } from './common';
import {
  collectorSettingsSchema,
  collectorStatusSchema,
  surveyAnonymitySchema,
  surveyAnswersSchema,
  surveyDefinitionSchema,
  surveyLimits,
  surveySchema,
  surveyStatusSchema,
} from './surveys';

/** A survey's fields an agent writes (the status has its own mutation, the version is the store's). */
const surveyFields = {
  departmentId: idSchema,
  anonymity: surveyAnonymitySchema,
  purpose: surveySchema.shape.purpose,
  definition: surveyDefinitionSchema,
  opensOn: isoDateSchema.nullable(),
  closesOn: isoDateSchema.nullable(),
  /** The version the agent edited; null creates the survey. */
  expectedVersion: z.number().int().min(1).nullable(),
};

const datesInOrder = (value: { opensOn: string | null; closesOn: string | null }) =>
  value.opensOn === null || value.closesOn === null || value.opensOn <= value.closesOn;
const datesIssue = { path: ['closesOn'], params: { code: 'closes_before_opening' } };

/** `survey.save`'s arguments: the id is the caller's (generated where the survey was created). */
export const surveySaveArgsSchema = z.object({ id: idSchema, ...surveyFields }).refine(datesInOrder, datesIssue);
/** The procedure's input: without an id, a new survey gets one from the workspace. */
export const surveySaveInputSchema = z.object({ id: idSchema.nullable(), ...surveyFields }).refine(datesInOrder, datesIssue);
export type SurveySaveInput = z.infer<typeof surveySaveInputSchema>;

/** A status change names the status the agent saw (`from`): a stale one is refused. */
export const surveySetStatusInputSchema = z.object({ id: idSchema, from: surveyStatusSchema, to: surveyStatusSchema });
export type SurveySetStatusInput = z.infer<typeof surveySetStatusInputSchema>;

const collectorFields = {
  surveyId: idSchema,
  label: textSchema({ min: 1, max: 200 }),
  settings: collectorSettingsSchema,
  status: collectorStatusSchema,
  /** The `updatedAt` the agent saw, to refuse an edit over someone else's; left out, the edit applies. */
  expectedUpdatedAt: isoDateTimeSchema.optional(),
};

export const surveyCollectorSaveArgsSchema = z.object({ id: idSchema, ...collectorFields });
export const surveyCollectorSaveInputSchema = z.object({ id: idSchema.nullable(), ...collectorFields });
export type SurveyCollectorSaveInput = z.infer<typeof surveyCollectorSaveInputSchema>;

/** The channels an agent enters answers through (the others come from the public pages). */
export const agentChannelSchema = z.enum(['counter', 'phone', 'meeting']);
export type AgentChannel = z.infer<typeof agentChannelSchema>;

const responseFields = {
  surveyId: idSchema,
  channel: agentChannelSchema,
  collectorId: idSchema.nullable(),
  citizenId: idSchema.nullable(),
  caseId: idSchema.nullable(),
  answers: surveyAnswersSchema,
  note: textSchema({ max: surveyLimits.textLength }).nullable(),
};

export const surveyResponseRecordArgsSchema = z.object({ id: idSchema, ...responseFields });
export const surveyResponseRecordInputSchema = z.object(responseFields);
export type SurveyResponseRecordInput = z.infer<typeof surveyResponseRecordInputSchema>;

export const surveyIdInputSchema = z.object({ surveyId: idSchema });
export const caseIdInputSchema = z.object({ caseId: idSchema });
