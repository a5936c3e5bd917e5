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

/** Writes the server's rows: the server is the truth, so each row replaces whatever the replica held. */
export function upsertRows(db: ReplicaDb, rows: RowSet): void {
  for (const row of rows.departments) db.insert(departments).values(row).onConflictDoUpdate({ target: departments.id, set: row }).run();
  for (const row of rows.categories) db.insert(categories).values(row).onConflictDoUpdate({ target: categories.id, set: row }).run();
  for (const { roles, ...row } of rows.agents) {
    db.insert(agents).values(row).onConflictDoUpdate({ target: agents.id, set: row }).run();
    db.delete(agentRoles).where(eq(agentRoles.agentId, row.id)).run();
    for (const role of roles) db.insert(agentRoles).values({ agentId: row.id, ...role }).onConflictDoNothing().run();
  }
  for (const citizen of rows.citizens) {
    const row = citizenColumns(citizen) as typeof citizens.$inferInsert;
    db.insert(citizens).values(row).onConflictDoUpdate({ target: citizens.id, set: row }).run();
  }
  for (const row of rows.cases) db.insert(cases).values(row).onConflictDoUpdate({ target: cases.id, set: row }).run();
  for (const row of rows.caseEvents) db.insert(caseEvents).values(row).onConflictDoUpdate({ target: caseEvents.id, set: row }).run();
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
