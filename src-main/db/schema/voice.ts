import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { IndicatorSource, OutcomeMailStats, OutcomeStatus } from '../../../src-shared/schemas/voice';

type Localized = { fr: string; en: string };

export const answerTags = sqliteTable(
  'answer_tags',
  {
    id: text('id').primaryKey(),
    surveyId: text('survey_id').notNull(),
    departmentId: text('department_id').notNull(),
    responseId: text('response_id').notNull(),
    question: text('question').notNull(),
    theme: text('theme').notNull(),
    agentId: text('agent_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('answer_tags_survey_question_theme').on(t.surveyId, t.question, t.theme), index('answer_tags_response').on(t.responseId)],
);

/** Themes on feedback cases (`caseTag`); their department is their case's. */
export const caseTags = sqliteTable(
  'case_tags',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    theme: text('theme').notNull(),
    agentId: text('agent_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('case_tags_case').on(t.caseId)],
);

export const surveyIndicators = sqliteTable(
  'survey_indicators',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id').notNull(),
    label: text('label', { mode: 'json' }).$type<Localized>().notNull(),
    sources: text('sources', { mode: 'json' }).$type<IndicatorSource[]>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('survey_indicators_department').on(t.departmentId)],
);

export const outcomes = sqliteTable(
  'outcomes',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id').notNull(),
    title: text('title', { mode: 'json' }).$type<Localized>().notNull(),
    body: text('body', { mode: 'json' }).$type<Localized>().notNull(),
    surveyIds: text('survey_ids', { mode: 'json' }).$type<string[]>().notNull(),
    caseIds: text('case_ids', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status').$type<OutcomeStatus>().notNull(),
    publishedAt: text('published_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
    mailStats: text('mail_stats', { mode: 'json' }).$type<OutcomeMailStats>(),
  },
  (t) => [index('outcomes_department_updated').on(t.departmentId, t.updatedAt)],
);
