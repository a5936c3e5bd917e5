import { eq, inArray, sql } from 'drizzle-orm';
import type { RowSet, EntityName, SyncScope } from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import { agentRoles, agents, caseEvents, cases, categories, citizens, departments, type UndoImage } from '../db/schema';
import { citizenColumns } from '../repositories/row-mappers';

const tables = { citizens, cases, case_events: caseEvents } as const;

/** Puts rows back as an undo image recorded them (or removes a row the mutation had created). */
export function restoreImage(db: ReplicaDb, image: UndoImage): void {
  const table = tables[image.table as keyof typeof tables];
  if (table === undefined) throw new Error(`No undo for table ${image.table}`);
  if (image.before === null) {
    db.delete(table).where(eq(table.id, image.id)).run();
    return;
  }
  const row = image.before as typeof table.$inferInsert;
  db.insert(table).values(row).onConflictDoUpdate({ target: table.id, set: row }).run();
}

type Statement = ReturnType<ReplicaDb['$client']['prepare']>;

/** `INSERT … ON CONFLICT(id) DO UPDATE` for every column: the server's row replaces the replica's. */
function upsertStatement(db: ReplicaDb, table: string, columns: readonly string[]): Statement {
  const assignments = columns.filter((column) => column !== 'id').map((column) => `${column} = excluded.${column}`);
  return db.$client.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')}) ON CONFLICT(id) DO UPDATE SET ${assignments.join(', ')}`,
  );
}

const caseColumns = ['id', 'tracking_code', 'kind', 'citizen_id', 'category_id', 'department_id', 'channel', 'subject', 'description', 'address', 'latitude', 'longitude', 'status', 'priority', 'assignee_id', 'parent_id', 'duplicate_of_id', 'deadline', 'deadline_paused_at', 'created_at', 'updated_at', 'closed_at', 'version'];
const eventColumns = ['id', 'case_id', 'type', 'at', 'agent_id', 'data'];
const citizenColumnNames = ['id', 'first_name', 'last_name', 'name_key', 'birth_date', 'email', 'phone', 'address_line1', 'address_line2', 'postal_code', 'city', 'latitude', 'longitude', 'preferred_channel', 'consent_email', 'consent_sms', 'consent_surveys', 'certification', 'merged_into', 'created_at', 'updated_at', 'version'];

// Pull pages bring thousands of rows: statements are prepared once per replica connection.
const statements = new WeakMap<object, { cases: Statement; events: Statement; citizens: Statement }>();
function bulkStatements(db: ReplicaDb) {
  let prepared = statements.get(db.$client);
  if (prepared === undefined) {
    prepared = {
      cases: upsertStatement(db, 'cases', caseColumns),
      events: upsertStatement(db, 'case_events', eventColumns),
      citizens: upsertStatement(db, 'citizens', citizenColumnNames),
    };
    statements.set(db.$client, prepared);
  }
  return prepared;
}

function snake(row: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) result[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = typeof value === 'boolean' ? Number(value) : value;
  return result;
}

/** Writes the server's rows: the server is the truth, so each row replaces whatever the replica held. */
export function upsertRows(db: ReplicaDb, rows: RowSet): void {
  for (const row of rows.departments) db.insert(departments).values(row).onConflictDoUpdate({ target: departments.id, set: row }).run();
  for (const row of rows.categories) db.insert(categories).values(row).onConflictDoUpdate({ target: categories.id, set: row }).run();
  for (const { roles, ...row } of rows.agents) {
    db.insert(agents).values(row).onConflictDoUpdate({ target: agents.id, set: row }).run();
    db.delete(agentRoles).where(eq(agentRoles.agentId, row.id)).run();
    for (const role of roles) db.insert(agentRoles).values({ agentId: row.id, ...role }).onConflictDoNothing().run();
  }
  const bulk = bulkStatements(db);
  for (const citizen of rows.citizens) bulk.citizens.run(snake(citizenColumns(citizen)));
  for (const row of rows.cases) bulk.cases.run(snake(row));
  for (const row of rows.caseEvents) bulk.events.run({ ...snake(row), data: JSON.stringify(row.data) });
}

export function deleteRows(db: ReplicaDb, deletes: readonly { entity: EntityName; id: string }[]): void {
  const ids = (entity: EntityName) => deletes.filter((d) => d.entity === entity).map((d) => d.id);
  const eventIds = ids('caseEvent');
  const caseIds = ids('case');
  const citizenIds = ids('citizen');
  if (eventIds.length > 0) db.delete(caseEvents).where(inArray(caseEvents.id, eventIds)).run();
  if (caseIds.length > 0) {
    db.delete(caseEvents).where(inArray(caseEvents.caseId, caseIds)).run();
    db.delete(cases).where(inArray(cases.id, caseIds)).run();
  }
  if (citizenIds.length > 0) db.delete(citizens).where(inArray(citizens.id, citizenIds)).run();
}

/** The agent lost departments (or the citizen file): everything the replica held of them goes. */
export function dropScope(db: ReplicaDb, dropped: SyncScope): void {
  if (dropped.departments.length > 0) {
    db.delete(caseEvents)
      .where(inArray(caseEvents.caseId, db.select({ id: cases.id }).from(cases).where(inArray(cases.departmentId, dropped.departments))))
      .run();
    db.delete(cases).where(inArray(cases.departmentId, dropped.departments)).run();
  }
  if (dropped.citizens) db.run(sql`DELETE FROM ${citizens}`);
}

/** Everything replicated goes (a reset); the outbox, inbox and local settings stay. */
export function clearReplicatedRows(db: ReplicaDb): void {
  for (const table of [caseEvents, cases, citizens, agentRoles, categories]) db.delete(table).run();
  db.delete(agents).run();
  db.delete(departments).run();
}
