import { index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { CaseKind, DeadlineKind, Priority, Role } from '../../../src-shared/schemas/common';
import { instant, rowVersion } from './columns';

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [index('departments_row_version').on(t.rowVersion, t.id)],
);

/**
 * Agents replicate to every workspace (names in timelines), so a pull must select its columns explicitly:
 * `password_hash` never leaves the service (see `agentPublicColumns`).
 */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** Stored lower-cased: sign-in compares case-insensitively through this unique column. */
    email: text('email').notNull().unique(),
    /** argon2id PHC string; null = this agent cannot sign in (e.g. created without a password). */
    passwordHash: text('password_hash'),
    /** A disabled agent keeps their history but can neither sign in nor use a session. */
    disabledAt: instant('disabled_at'),
    rowVersion: rowVersion(),
  },
  (t) => [index('agents_row_version').on(t.rowVersion, t.id)],
);

export const agentPublicColumns = {
  id: agents.id,
  name: agents.name,
  email: agents.email,
  disabledAt: agents.disabledAt,
  rowVersion: agents.rowVersion,
};

/** One row per granted role: the surrogate id lets a revoked role be tombstoned like any row. */
export const agentRoles = pgTable(
  'agent_roles',
  {
    id: uuid('id').primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    unique('agent_roles_grant').on(t.agentId, t.departmentId, t.role),
    index('agent_roles_row_version').on(t.rowVersion, t.id),
    index('agent_roles_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    serviceCode: text('service_code').notNull().unique(),
    label: text('label').notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    deadlineDays: integer('deadline_days').notNull(),
    deadlineKind: text('deadline_kind').$type<DeadlineKind>().notNull(),
    defaultPriority: text('default_priority').$type<Priority>().notNull(),
    duplicateRadiusM: integer('duplicate_radius_m').notNull(),
    retentionMonths: integer('retention_months').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [
    index('categories_row_version').on(t.rowVersion, t.id),
    index('categories_department_row_version').on(t.departmentId, t.rowVersion, t.id),
  ],
);
