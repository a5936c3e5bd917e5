import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { PAGE_SIZE } from './list-pages';
import { caseListInput, type CaseListView } from './store';

/** One query per page on screen; pages already fetched stay cached while the agent scrolls back. */
export function useCaseListPages(view: CaseListView, pages: readonly number[]) {
  const trpc = useTRPC();
  return useQueries({
    queries: pages.map((page) => trpc.case.list.queryOptions(caseListInput(view, page * PAGE_SIZE, PAGE_SIZE))),
  });
}

export function useCaseDetail(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.case.detail.queryOptions({ id }));
}

/** A case changed: its detail, every list page, the citizen's history and search results are stale. */
export function useInvalidateCases() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.citizen.card.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.search.pathKey() }),
    ]);
}

export function useOpenCase() {
  const trpc = useTRPC();
  const invalidate = useInvalidateCases();
  return useMutation(trpc.case.open.mutationOptions({ onSuccess: () => void invalidate() }));
}

export function useTransitionCase() {
  const trpc = useTRPC();
  const invalidate = useInvalidateCases();
  // Success or refusal, the case on screen must be re-read: on STATUS_CHANGED it is what the agent needs to see.
  return useMutation(trpc.case.transition.mutationOptions({ onSettled: () => void invalidate() }));
}

export function useCommentCase() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.case.comment.mutationOptions({
      onSuccess: (_result, input) => void queryClient.invalidateQueries({ queryKey: trpc.case.detail.queryKey({ id: input.caseId }) }),
    }),
  );
}

/** The number of matching cases, from page 0 (shared with the grid's own query for it). */
export function useCaseListTotal(view: CaseListView): number | undefined {
  const [first] = useCaseListPages(view, [0]);
  return first?.data?.total;
}
