import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { IndicatorSource, OutcomeMailStats, OutcomeStatus } from '../../../src-shared/schemas/voice';
import { cases } from './cases';
import { rowVersion } from './columns';
import { departments } from './reference';
import { surveyResponses, surveys } from './surveys';

type Localized = { fr: string; en: string };

export const answerTags = pgTable(
  'answer_tags',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id),
    question: text('question').notNull(),
    theme: text('theme').notNull(),
    agentId: uuid('agent_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('answer_tags_row_version').on(t.rowVersion, t.id),
    index('answer_tags_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);

/** Themes on feedback cases (`caseTag`): a child of its case, whose department it copies (as case events do). */
export const caseTags = pgTable(
  'case_tags',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The case's department, copied so a pull filters tags without joining cases; a transfer rewrites it. */
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    theme: text('theme').notNull(),
    agentId: uuid('agent_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('case_tags_case').on(t.caseId),
    index('case_tags_row_version').on(t.rowVersion, t.id),
    index('case_tags_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);

export const surveyIndicators = pgTable(
  'survey_indicators',
  {
    id: uuid('id').primaryKey(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    label: jsonb('label').$type<Localized>().notNull(),
    sources: jsonb('sources').$type<IndicatorSource[]>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('survey_indicators_row_version').on(t.rowVersion, t.id),
    index('survey_indicators_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);

export const outcomes = pgTable(
  'outcomes',
  {
    id: uuid('id').primaryKey(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    title: jsonb('title').$type<Localized>().notNull(),
    body: jsonb('body').$type<Localized>().notNull(),
    surveyIds: jsonb('survey_ids').$type<string[]>().notNull(),
    caseIds: jsonb('case_ids').$type<string[]>().notNull(),
    status: text('status').$type<OutcomeStatus>().notNull(),
    publishedAt: text('published_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
    /** Written by the voice mail sender only (docs/surveys.md, "What the workspace sees"). */
    mailStats: jsonb('mail_stats').$type<OutcomeMailStats>(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('outcomes_published').on(t.status, t.publishedAt),
    index('outcomes_row_version').on(t.rowVersion, t.id),
    index('outcomes_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);
