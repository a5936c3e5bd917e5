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

export function createCaseRepository(db: ReplicaDb) {
  function listWhere(query: CaseListQuery): SQL | undefined {
    const { filters } = query;
    return and(
      filters.departmentIds.length > 0 ? inArray(cases.departmentId, filters.departmentIds) : undefined,
      filters.statuses.length > 0 ? inArray(cases.status, filters.statuses) : undefined,
      filters.categoryIds.length > 0 ? inArray(cases.categoryId, filters.categoryIds) : undefined,
      filters.channels.length > 0 ? inArray(cases.channel, filters.channels) : undefined,
      filters.assignee === 'none'
        ? isNull(cases.assigneeId)
        : filters.assignee !== null
          ? eq(cases.assigneeId, filters.assignee === 'me' ? query.agentId : filters.assignee)
          : undefined,
      filters.overdue ? and(lt(cases.deadline, query.today), inArray(cases.status, [...query.runningStatuses])) : undefined,
      filters.citizenId !== null ? eq(cases.citizenId, filters.citizenId) : undefined,
    );
  }

  return {
    byId(id: string): Case | null {
      const row = db.select().from(cases).where(eq(cases.id, id)).get();
      return row === undefined ? null : toCase(row);
    },

    byTrackingCode(code: string): Case | null {
      const row = db.select().from(cases).where(eq(cases.trackingCode, code)).get();
      return row === undefined ? null : toCase(row);
    },

    list(query: CaseListQuery): { rows: CaseListRow[]; total: number } {
      const where = listWhere(query);
      const direction = query.sort.direction === 'asc' ? asc : desc;
      const rows = db
        .select(listColumns)
        .from(cases)
        .leftJoin(citizens, eq(citizens.id, cases.citizenId))
        .where(where)
        .orderBy(direction(sortColumns[query.sort.field]), direction(cases.seq))
        .limit(query.limit)
        .offset(query.offset)
        .all();
      const total = db.select({ total: count() }).from(cases).where(where).get()?.total ?? 0;
      return { rows, total };
    },

    byCitizen(citizenId: string): CaseListRow[] {
      return db
        .select(listColumns)
        .from(cases)
        .leftJoin(citizens, eq(citizens.id, cases.citizenId))
        .where(eq(cases.citizenId, citizenId))
        .orderBy(desc(cases.createdAt))
        .all();
    },

    events(caseId: string): CaseEvent[] {
      return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at), asc(caseEvents.id)).all();
    },

    search(text: string, limit: number): CaseListRow[] {
      const query = toFtsQuery(text);
      if (query === null) return [];
      const seqs = db.$client
        .prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
        .pluck()
        .all(query, limit) as number[];
      if (seqs.length === 0) return [];
      return db
        .select(listColumns)
        .from(cases)
        .leftJoin(citizens, eq(citizens.id, cases.citizenId))
        .where(inArray(cases.seq, seqs))
        .orderBy(desc(cases.seq))
        .all();
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
