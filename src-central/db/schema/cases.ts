import { doublePrecision, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { CaseKind, CaseStatus, Channel, Priority } from '../../../src-shared/schemas/common';
import type { CaseEventType } from '../../../src-shared/schemas/entities';
import { citizens } from './citizens';
import { rowVersion } from './columns';
import { agents, categories, departments } from './reference';

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    trackingCode: text('tracking_code').notNull().unique(),
    kind: text('kind').$type<CaseKind>().notNull(),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    channel: text('channel').$type<Channel>().notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    address: text('address'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    status: text('status').$type<CaseStatus>().notNull(),
    priority: text('priority').$type<Priority>().notNull(),
    assigneeId: uuid('assignee_id').references(() => agents.id),
    // No foreign keys on the two case-to-case links: merges and fan-outs may arrive in any order.
    parentId: uuid('parent_id'),
    duplicateOfId: uuid('duplicate_of_id'),
    deadline: text('deadline'),
    deadlinePausedAt: text('deadline_paused_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    closedAt: text('closed_at'),
    version: integer('version').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('cases_row_version').on(t.rowVersion, t.id),
    index('cases_department_row_version').on(t.departmentId, t.rowVersion, t.id),
    index('cases_citizen').on(t.citizenId),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The case's department, copied so a pull filters events without joining cases; a transfer rewrites it. */
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    type: text('type').$type<CaseEventType>().notNull(),
    at: text('at').notNull(),
    agentId: uuid('agent_id').references(() => agents.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('case_events_case_at').on(t.caseId, t.at),
    index('case_events_row_version').on(t.rowVersion, t.id),
    index('case_events_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);
