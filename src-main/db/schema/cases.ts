import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { CaseEventType } from '../../../src-shared/schemas/entities';
import type { CaseKind, CaseStatus, Channel, Priority } from '../../../src-shared/schemas/common';

export const cases = sqliteTable(
  'cases',
  {
    /** Local, stable row number (the full-text index keys on it); never leaves the replica. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    trackingCode: text('tracking_code').notNull().unique(),
    kind: text('kind').$type<CaseKind>().notNull(),
    citizenId: text('citizen_id'),
    categoryId: text('category_id').notNull(),
    departmentId: text('department_id').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    address: text('address'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    status: text('status').$type<CaseStatus>().notNull(),
    priority: text('priority').$type<Priority>().notNull(),
    /** Sortable form of priority (urgent first when descending). */
    priorityRank: integer('priority_rank').generatedAlwaysAs(
      sql`CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END`,
      { mode: 'virtual' },
    ),
    assigneeId: text('assignee_id'),
    parentId: text('parent_id'),
    duplicateOfId: text('duplicate_of_id'),
    deadline: text('deadline'),
    deadlinePausedAt: text('deadline_paused_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    closedAt: text('closed_at'),
    version: integer('version').notNull(),
  },
  (t) => [
    index('cases_department_status_deadline').on(t.departmentId, t.status, t.deadline),
    index('cases_status_deadline').on(t.status, t.deadline),
    index('cases_deadline').on(t.deadline),
    index('cases_created_at').on(t.createdAt),
    index('cases_updated_at').on(t.updatedAt),
    index('cases_citizen').on(t.citizenId, t.createdAt),
    index('cases_assignee_status').on(t.assigneeId, t.status),
    index('cases_category_status').on(t.categoryId, t.status),
  ],
);

export const caseEvents = sqliteTable(
  'case_events',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    type: text('type').$type<CaseEventType>().notNull(),
    at: text('at').notNull(),
    agentId: text('agent_id'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('case_events_case_at').on(t.caseId, t.at)],
);
