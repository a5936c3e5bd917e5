import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';

export function useCurrentAgentQuery() {
  const trpc = useTRPC();
  return useQuery(trpc.session.current.queryOptions());
}

export function useSessionAgents(enabled = true) {
  const trpc = useTRPC();
  return useQuery(trpc.session.agents.queryOptions(undefined, { enabled, staleTime: Number.POSITIVE_INFINITY }));
}

/**
 * Switching agent installs the new agent at once, then resets every other cached answer (permissions,
 * "assigned to me", allowed actions differ per agent): screens show loaders, never the previous agent's data.
 * Reset, not remove, so mounted screens stay attached to their queries and refetch.
 */
export function useChooseAgent() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.session.choose.mutationOptions({
      onSuccess: (agent) => {
        const currentKey = trpc.session.current.queryKey();
        queryClient.setQueryData(currentKey, agent);
        void queryClient.resetQueries({
          predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(currentKey),
        });
      },
    }),
  );
}
