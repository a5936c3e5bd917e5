import type { CaseSortField } from '../../../../src-shared/schemas/procedures';

/** Columns of the case list, shared by the header row and every body row so they always line up. */
export const caseGridColumns = [
  { key: 'trackingCode', label: 'case.trackingCode', sort: 'trackingCode' },
  { key: 'subject', label: 'case.subject', sort: null },
  { key: 'department', label: 'case.department', sort: null },
  { key: 'status', label: 'case.status', sort: 'status' },
  { key: 'priority', label: 'case.priority', sort: 'priority' },
  { key: 'deadline', label: 'case.deadline', sort: 'deadline' },
  { key: 'assignee', label: 'case.assignee', sort: null },
] as const satisfies readonly { key: string; label: string; sort: CaseSortField | null }[];

export const gridTemplateColumns = '110px minmax(220px, 2fr) minmax(140px, 1fr) 170px 130px 190px minmax(130px, 1fr)';

export const ROW_HEIGHT = 52;
export const HEADER_HEIGHT = 40;

export const MIN_WIDTH = 1100;
