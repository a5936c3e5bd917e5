import { useThrottledCallback } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC, type RouterOutputs } from '../../app/trpc';

export type SyncStatus = RouterOutputs['sync']['status'];
export type RefusedChange = RouterOutputs['sync']['inbox'][number];

/** A fallback to the change messages: going offline sends none, the poll still shows it. */
export const STATUS_POLL_MS = 2_000;
/** A bootstrap brings a page every few milliseconds: refetch the screens at most this often. */
const REFRESH_THROTTLE_MS = 500;

export function useSyncStatus() {
  const trpc = useTRPC();
  return useQuery(trpc.sync.status.queryOptions(undefined, { refetchInterval: STATUS_POLL_MS, staleTime: 0 }));
}

/**
 * Each message says the replica changed underneath (a pull brought rows): every screen refetches, so
 * other agents' changes appear without a reload, and the status comes with the message.
 */
export function useSyncChanges(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useThrottledCallback(() => void queryClient.invalidateQueries(), REFRESH_THROTTLE_MS);
  useSubscription(
    trpc.sync.changes.subscriptionOptions(undefined, {
      onData: (status) => {
        queryClient.setQueryData(trpc.sync.status.queryKey(), status);
        refresh();
      },
    }),
  );
}

export function useSyncNow() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.sync.now.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.sync.status.queryKey() }),
    }),
  );
}

export function useSyncInbox() {
  const trpc = useTRPC();
  return useQuery(trpc.sync.inbox.queryOptions());
}

/** An entry leaves the inbox only here, once the agent has acted on it. */
function useInboxMutationOptions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return {
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() }),
        // A re-applied change is a new local write: cases, citizens and search show it at once.
        queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.citizen.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.search.pathKey() }),
      ]),
  };
}

export function useDiscardRefusal() {
  const trpc = useTRPC();
  return useMutation(trpc.sync.discard.mutationOptions(useInboxMutationOptions()));
}

export function useReapplyRefusal() {
  const trpc = useTRPC();
  return useMutation(trpc.sync.reapply.mutationOptions(useInboxMutationOptions()));
}
