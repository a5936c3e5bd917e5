import { z } from 'zod';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { caseStatusSchema, channelSchema } from '../../../src-shared/schemas/common';
import { caseSortFieldSchema, type CaseListInput } from '../../../src-shared/schemas/procedures';

/** What an agent filters and sorts the case list by; remembered per agent on this workstation. */
const caseListViewSchema = z.object({
  filters: z.object({
    departmentIds: z.array(z.string()),
    statuses: z.array(caseStatusSchema),
    categoryIds: z.array(z.string()),
    channels: z.array(channelSchema),
    /** `me`, `none` (unassigned), an agent id, or null for anyone. */
    assignee: z.string().nullable(),
    overdue: z.boolean(),
  }),
  sort: z.object({ field: caseSortFieldSchema, direction: z.enum(['asc', 'desc']) }),
});

export type CaseListView = z.infer<typeof caseListViewSchema>;
export type CaseListFiltersValue = CaseListView['filters'];

export const defaultCaseListView: CaseListView = {
  filters: { departmentIds: [], statuses: [], categoryIds: [], channels: [], assignee: null, overdue: false },
  sort: { field: 'deadline', direction: 'asc' },
};

export const CASE_LIST_STORAGE_KEY = 'guichet.case-list';

interface CaseListState {
  views: Record<string, CaseListView>;
  setFilters: (agentId: string, patch: Partial<CaseListFiltersValue>) => void;
  setSort: (agentId: string, sort: CaseListView['sort']) => void;
  reset: (agentId: string) => void;
}

/** Views read back from storage are checked: an older or hand-edited entry is dropped, never trusted. */
function validViews(stored: unknown): Record<string, CaseListView> {
  const views = (stored as { views?: unknown } | null)?.views;
  if (typeof views !== 'object' || views === null) return {};
  const valid: Record<string, CaseListView> = {};
  for (const [agentId, view] of Object.entries(views)) {
    const parsed = caseListViewSchema.safeParse(view);
    if (parsed.success) valid[agentId] = parsed.data;
  }
  return valid;
}

export const useCaseListStore = create<CaseListState>()(
  persist(
    (set) => {
      const update = (agentId: string, change: (view: CaseListView) => CaseListView) =>
        set((state) => ({ views: { ...state.views, [agentId]: change(state.views[agentId] ?? defaultCaseListView) } }));
      return {
        views: {},
        setFilters: (agentId, patch) => update(agentId, (view) => ({ ...view, filters: { ...view.filters, ...patch } })),
        setSort: (agentId, sort) => update(agentId, (view) => ({ ...view, sort })),
        reset: (agentId) => update(agentId, () => defaultCaseListView),
      };
    },
    {
      name: CASE_LIST_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ views: state.views }),
      merge: (stored, current) => ({ ...current, views: validViews(stored) }),
    },
  ),
);

export function useCaseListView(agentId: string): CaseListView {
  return useCaseListStore((state) => state.views[agentId] ?? defaultCaseListView);
}

/** The procedure input for one page of the list. */
export function caseListInput(view: CaseListView, offset: number, limit: number): CaseListInput {
  return { filters: { ...view.filters, citizenId: null }, sort: view.sort, offset, limit };
}

export function activeFilterCount(filters: CaseListFiltersValue): number {
  return (
    filters.departmentIds.length +
    filters.statuses.length +
    filters.categoryIds.length +
    filters.channels.length +
    (filters.assignee === null ? 0 : 1) +
    (filters.overdue ? 1 : 0)
  );
}
