import { and, asc, count, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CaseStatus } from '../../src-shared/schemas/common';
import type { Case, CaseEvent } from '../../src-shared/schemas/entities';
import type { caseListInputSchema } from '../../src-shared/schemas/procedures';
import type { ReplicaDb } from '../db/open-replica';
import { caseEvents, cases, citizens } from '../db/schema';
import { toFtsQuery } from './fts-query';
import { toCase } from './row-mappers';

export type CaseListQuery = z.output<typeof caseListInputSchema> & {
  /** Resolved by the service: the agent behind `assignee: 'me'`, today's date for `overdue`. */
  agentId: string;
  today: string;
  runningStatuses: readonly CaseStatus[];
};

const listColumns = {
  id: cases.id,
  trackingCode: cases.trackingCode,
  kind: cases.kind,
  subject: cases.subject,
  status: cases.status,
  priority: cases.priority,
  channel: cases.channel,
  departmentId: cases.departmentId,
  categoryId: cases.categoryId,
  assigneeId: cases.assigneeId,
  citizenId: cases.citizenId,
  citizenName: sql<string | null>`${citizens.firstName} || ' ' || ${citizens.lastName}`,
  address: cases.address,
  deadline: cases.deadline,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
};

export interface CaseListRow {
  id: string;
  trackingCode: string;
  kind: Case['kind'];
  subject: string;
  status: CaseStatus;
  priority: Case['priority'];
  channel: Case['channel'];
  departmentId: string;
  categoryId: string;
  assigneeId: string | null;
  citizenId: string | null;
  citizenName: string | null;
  address: string | null;
  deadline: string | null;
  createdAt: string;
  updatedAt: string;
}

const sortColumns = {
  deadline: cases.deadline,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  priority: cases.priorityRank,
  trackingCode: cases.trackingCode,
  status: cases.status,
} as const;

/** Prepared list statements kept per filter shape (which filters, how many values, which sort). */
const LIST_STATEMENTS_KEPT = 32;

/** Makes a value on first use: repositories may be created before the replica's migrations ran. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The list query's shape and the values of its placeholders: one prepared statement a shape. */
function listParameters(query: CaseListQuery) {
  const { filters } = query;
  const assignee = filters.assignee === 'me' ? query.agentId : filters.assignee;
  const values: Record<string, unknown> = {
    limit: query.limit,
    offset: query.offset,
    today: query.today,
    assignee,
    citizen: filters.citizenId,
  };
  const lists = {
    department: filters.departmentIds,
    status: filters.statuses,
    category: filters.categoryIds,
    channel: filters.channels,
    running: filters.overdue ? query.runningStatuses : [],
  };
  for (const [name, items] of Object.entries(lists)) items.forEach((item, i) => (values[`${name}${i}`] = item));
  const shape = [
    ...Object.values(lists).map((items) => items.length),
    assignee === null ? '' : assignee === 'none' ? 'none' : 'id',
    filters.overdue,
    filters.citizenId !== null,
    query.sort.field,
    query.sort.direction,
  ].join('|');
  return { shape, values, lists, assignee };
}

export function createCaseRepository(db: ReplicaDb) {
  const p = (name: string) => sql.placeholder(name);
  const placeholders = (name: string, items: readonly unknown[]) => items.map((_, i) => p(`${name}${i}`));

  function listWhere(query: CaseListQuery): SQL | undefined {
    const { lists, assignee } = listParameters(query);
    const filters = query.filters;
    return and(
      lists.department.length > 0 ? inArray(cases.departmentId, placeholders('department', lists.department)) : undefined,
      lists.status.length > 0 ? inArray(cases.status, placeholders('status', lists.status)) : undefined,
      lists.category.length > 0 ? inArray(cases.categoryId, placeholders('category', lists.category)) : undefined,
      lists.channel.length > 0 ? inArray(cases.channel, placeholders('channel', lists.channel)) : undefined,
      assignee === 'none' ? isNull(cases.assigneeId) : assignee !== null ? eq(cases.assigneeId, p('assignee')) : undefined,
      filters.overdue ? and(lt(cases.deadline, p('today')), inArray(cases.status, placeholders('running', lists.running))) : undefined,
      filters.citizenId !== null ? eq(cases.citizenId, p('citizen')) : undefined,
    );
  }

  function prepareList(query: CaseListQuery) {
    const where = listWhere(query);
    const direction = query.sort.direction === 'asc' ? asc : desc;
    return {
      rows: db
        .select(listColumns)
        .from(cases)
        .leftJoin(citizens, eq(citizens.id, cases.citizenId))
        .where(where)
        .orderBy(direction(sortColumns[query.sort.field]), direction(cases.seq))
        .limit(p('limit'))
        .offset(p('offset'))
        .prepare(),
      // Filters on department and status count over the (department_id, status, deadline) index alone.
      total: db.select({ total: count() }).from(cases).where(where).prepare(),
    };
  }
  const listStatements = new Map<string, ReturnType<typeof prepareList>>();

  const byIdQuery = once(() =>
    db
      .select()
      .from(cases)
      .where(eq(cases.id, p('id')))
      .prepare(),
  );
  const byCodeQuery = once(() =>
    db
      .select()
      .from(cases)
      .where(eq(cases.trackingCode, p('code')))
      .prepare(),
  );
  const bySeqQuery = once(() =>
    db
      .select(listColumns)
      .from(cases)
      .leftJoin(citizens, eq(citizens.id, cases.citizenId))
      .where(eq(cases.seq, p('seq')))
      .prepare(),
  );
  const rowByCodeQuery = once(() =>
    db
      .select(listColumns)
      .from(cases)
      .leftJoin(citizens, eq(citizens.id, cases.citizenId))
      .where(eq(cases.trackingCode, p('code')))
      .prepare(),
  );
  const byCitizenQuery = once(() =>
    db
      .select(listColumns)
      .from(cases)
      .leftJoin(citizens, eq(citizens.id, cases.citizenId))
      .where(eq(cases.citizenId, p('citizenId')))
      .orderBy(desc(cases.createdAt))
      .prepare(),
  );
  const eventsQuery = once(() =>
    db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, p('caseId')))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id))
      .prepare(),
  );
  // Newest first without ranking: ranking would score every match of a short prefix.
  const matchQuery = once(() =>
    db.$client.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck(),
  );

  return {
    byId(id: string): Case | null {
      const row = byIdQuery().get({ id });
      return row === undefined ? null : toCase(row);
    },

    byTrackingCode(code: string): Case | null {
      const row = byCodeQuery().get({ code });
      return row === undefined ? null : toCase(row);
    },

    /** The list row of the case with exactly this (canonical) tracking code. */
    rowByTrackingCode(code: string): CaseListRow | null {
      return rowByCodeQuery().get({ code }) ?? null;
    },

    list(query: CaseListQuery): { rows: CaseListRow[]; total: number } {
      const { shape, values } = listParameters(query);
      let statements = listStatements.get(shape);
      if (statements === undefined) {
        statements = prepareList(query);
        if (listStatements.size >= LIST_STATEMENTS_KEPT) listStatements.delete(listStatements.keys().next().value as string);
      } else {
        listStatements.delete(shape);
      }
      listStatements.set(shape, statements);
      const rows = statements.rows.all(values);
      const total = statements.total.get(values)?.total ?? 0;
      return { rows, total };
    },

    byCitizen(citizenId: string): CaseListRow[] {
      return byCitizenQuery().all({ citizenId });
    },

    events(caseId: string): CaseEvent[] {
      return eventsQuery().all({ caseId });
    },

    search(text: string, limit: number): CaseListRow[] {
      const query = toFtsQuery(text);
      if (query === null) return [];
      const seqs = matchQuery().all(query, limit) as number[];
      return seqs.flatMap((seq) => bySeqQuery().get({ seq }) ?? []);
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
