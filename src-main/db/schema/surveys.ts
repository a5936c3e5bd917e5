import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type {
  CollectorSettings,
  CollectorStats,
  CollectorStatus,
  RespondentProfile,
  SurveyAnonymity,
  SurveyAnswers,
  SurveyChannel,
  SurveyStatus,
} from '../../../src-shared/schemas/surveys';

export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id').notNull(),
    status: text('status').$type<SurveyStatus>().notNull(),
    opensOn: text('opens_on'),
    closesOn: text('closes_on'),
    anonymity: text('anonymity').$type<SurveyAnonymity>().notNull(),
    purpose: text('purpose', { mode: 'json' }).$type<{ fr: string; en: string }>().notNull(),
    definition: text('definition', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('surveys_department_updated').on(t.departmentId, t.updatedAt)],
);

export const surveyCollectors = sqliteTable(
  'survey_collectors',
  {
    id: text('id').primaryKey(),
    surveyId: text('survey_id').notNull(),
    departmentId: text('department_id').notNull(),
    label: text('label').notNull(),
    settings: text('settings', { mode: 'json' }).$type<CollectorSettings>().notNull(),
    status: text('status').$type<CollectorStatus>().notNull(),
    stats: text('stats', { mode: 'json' }).$type<CollectorStats>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('survey_collectors_survey').on(t.surveyId)],
);

export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    surveyId: text('survey_id').notNull(),
    departmentId: text('department_id').notNull(),
    channel: text('channel').$type<SurveyChannel>().notNull(),
    collectorId: text('collector_id'),
    caseId: text('case_id'),
    citizenId: text('citizen_id'),
    agentId: text('agent_id'),
    answers: text('answers', { mode: 'json' }).$type<SurveyAnswers>().notNull(),
    note: text('note'),
    profile: text('profile', { mode: 'json' }).$type<RespondentProfile>(),
    submittedAt: text('submitted_at').notNull(),
  },
  (t) => [index('survey_responses_survey_submitted').on(t.surveyId, t.submittedAt), index('survey_responses_case').on(t.caseId)],
);
