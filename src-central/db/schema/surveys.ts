import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';
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
import { citizens } from './citizens';
import { instant, rowVersion } from './columns';
import { departments } from './reference';

/** A department's survey; `definition` is the SurveyJS JSON (docs/surveys.md). */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    status: text('status').$type<SurveyStatus>().notNull(),
    opensOn: text('opens_on'),
    closesOn: text('closes_on'),
    anonymity: text('anonymity').$type<SurveyAnonymity>().notNull(),
    purpose: jsonb('purpose').$type<{ fr: string; en: string }>().notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('surveys_row_version').on(t.rowVersion, t.id),
    index('surveys_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);

/** A campaign, kiosk place, meeting or after-a-case rule of a survey; `stats` is the service's count. */
export const surveyCollectors = pgTable(
  'survey_collectors',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    label: text('label').notNull(),
    settings: jsonb('settings').$type<CollectorSettings>().notNull(),
    status: text('status').$type<CollectorStatus>().notNull(),
    stats: jsonb('stats').$type<CollectorStats>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('survey_collectors_survey').on(t.surveyId),
    index('survey_collectors_row_version').on(t.rowVersion, t.id),
    index('survey_collectors_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);

/**
 * One response. No foreign keys to collectors, cases, citizens or agents: a kiosk's answers may arrive long
 * after, and a response must never be refused for a row it merely names.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    channel: text('channel').$type<SurveyChannel>().notNull(),
    collectorId: uuid('collector_id'),
    caseId: uuid('case_id'),
    citizenId: uuid('citizen_id'),
    agentId: uuid('agent_id'),
    answers: jsonb('answers').$type<SurveyAnswers>().notNull(),
    note: text('note'),
    profile: jsonb('profile').$type<RespondentProfile>(),
    submittedAt: text('submitted_at').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('survey_responses_survey').on(t.surveyId, t.submittedAt),
    index('survey_responses_row_version').on(t.rowVersion, t.id),
    index('survey_responses_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);

/**
 * The service's own, never replicated: one email invitation of a campaign (or a closed case's), holding the
 * hash of its single-use token. The address is read from the citizen file when sending, never stored here.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey(),
    collectorId: uuid('collector_id')
      .notNull()
      .references(() => surveyCollectors.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    caseId: uuid('case_id'),
    /**
     * SHA-256 of the token in the emailed link (base64url); the token itself is never stored. Until the email
     * is sent it is the hash of a token nobody holds (the token is drawn when the email leaves).
     */
    tokenHash: text('token_hash').notNull(),
    /** The reminder's own token's hash: the first email's link keeps working after the reminder. */
    reminderTokenHash: text('reminder_token_hash'),
    /** `pending`, `sent`, `failed`, `answered`, `unsubscribed`, `opted_out` (the address unsubscribed before it was sent). */
    status: text('status').notNull(),
    /** The SMTP server's refusal or the reason it was not sent (no address, no consent), for the agents. */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    reminderAttempts: integer('reminder_attempts').notNull().default(0),
    /** Claimed by a sender until then (or, after a transient failure, not retried before then). */
    leaseUntil: instant('lease_until'),
    sentAt: instant('sent_at'),
    remindedAt: instant('reminded_at'),
    answeredAt: instant('answered_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('survey_invitations_token').on(t.tokenHash),
    uniqueIndex('survey_invitations_reminder_token').on(t.reminderTokenHash),
    // A campaign writes once to a person; an after-a-case rule once per closed case.
    uniqueIndex('survey_invitations_collector_citizen')
      .on(t.collectorId, t.citizenId)
      .where(sql`${t.caseId} is null`),
    uniqueIndex('survey_invitations_collector_case')
      .on(t.collectorId, t.caseId)
      .where(sql`${t.caseId} is not null`),
    index('survey_invitations_collector_status').on(t.collectorId, t.status),
  ],
);
