import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CaseKind, DeadlineKind, Priority, Role } from '../../../src-shared/schemas/common';

export const departments = sqliteTable('departments', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
});

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
});

export const agentRoles = sqliteTable(
  'agent_roles',
  {
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.departmentId, t.role] }), index('agent_roles_department').on(t.departmentId)],
);

export const categories = sqliteTable(
  'categories',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    serviceCode: text('service_code').notNull(),
    label: text('label').notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    deadlineDays: integer('deadline_days').notNull(),
    deadlineKind: text('deadline_kind').$type<DeadlineKind>().notNull(),
    defaultPriority: text('default_priority').$type<Priority>().notNull(),
    duplicateRadiusM: integer('duplicate_radius_m').notNull(),
    retentionMonths: integer('retention_months').notNull(),
  },
  (t) => [uniqueIndex('categories_service_code').on(t.serviceCode), index('categories_department').on(t.departmentId)],
);
