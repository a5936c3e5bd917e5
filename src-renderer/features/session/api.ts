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

/** The demo accounts a demo central service names (null from any other): asked once per sign-in screen. */
export function useDemoAccounts() {
  const trpc = useTRPC();
  return useQuery(trpc.sync.demoAccounts.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY, retry: false }));
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Signing in installs the agent and marks the workspace signed in at once (no blank screen while the
 * status is re-read), then resets every other answer: another agent than last time may be signing in.
 */
export function useSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.sync.signIn.mutationOptions({
      onSuccess: (agent) => {
        const currentKey = trpc.session.current.queryKey();
        const statusKey = trpc.sync.status.queryKey();
        queryClient.setQueryData(currentKey, agent);
        queryClient.setQueryData(statusKey, (status) => (status === undefined ? status : { ...status, signedIn: true }));
        void queryClient.resetQueries({
          predicate: (query) => !sameKey(query.queryKey, currentKey) && !sameKey(query.queryKey, statusKey),
        });
        void queryClient.invalidateQueries({ queryKey: statusKey });
      },
    }),
  );
}

/**
 * Signing out leaves nothing of the agent's answers in memory; the sign-in screen follows from the status.
 * Unsent changes that could not be pushed stop it: the answer says how many, and `keep` signs out anyway.
 */
export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.sync.signOut.mutationOptions({
      onSuccess: (result) => {
        // Changes could not be sent: the agent stays signed in until they choose to keep them on this desk.
        if (!result.signedOut) return;
        const currentKey = trpc.session.current.queryKey();
        const statusKey = trpc.sync.status.queryKey();
        queryClient.setQueryData(statusKey, (status) => (status === undefined ? status : { ...status, signedIn: false }));
        queryClient.setQueryData(currentKey, null);
        queryClient.removeQueries({
          predicate: (query) => !sameKey(query.queryKey, currentKey) && !sameKey(query.queryKey, statusKey),
        });
        void queryClient.invalidateQueries({ queryKey: statusKey });
      },
    }),
  );
}
