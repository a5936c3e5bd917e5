import type { Agent } from '../../src-shared/schemas/entities';
import type { SyncStatus } from '../features/sync';
import type { AppState } from './app-state';

/** Which screen the workspace shows. */
export type Gate =
  | { screen: 'loading' }
  | { screen: 'error'; error: unknown }
  | { screen: 'signIn'; centralUrl: string | null; sessionEnded: SyncStatus['sessionEnded'] }
  | { screen: 'pickAgent' }
  | { screen: 'initialSync'; status: SyncStatus }
  | { screen: 'workspace'; agent: Agent; status: SyncStatus };

export interface GateInput {
  status: { data: SyncStatus | undefined; error: unknown };
  current: { data: Agent | null | undefined; error: unknown };
}

/**
 * With a central service, nobody works unsigned-in, and the workspace opens once the first sync has
 * brought data; without one, an agent is picked from the local replica. A failed refetch keeps the
 * last answer on screen: only a first load that fails is an error.
 */
export function workspaceGate({ status, current }: GateInput): Gate {
  if (status.data === undefined && status.error !== null) return { screen: 'error', error: status.error };
  if (current.data === undefined && current.error !== null) return { screen: 'error', error: current.error };
  if (status.data === undefined || current.data === undefined) return { screen: 'loading' };
  const sync = status.data;
  if (sync.configured && !sync.signedIn) return { screen: 'signIn', centralUrl: sync.centralUrl, sessionEnded: sync.sessionEnded };
  if (current.data === null) return sync.configured ? { screen: 'loading' } : { screen: 'pickAgent' };
  if (sync.configured && sync.lastSyncAt === null) return { screen: 'initialSync', status: sync };
  return { screen: 'workspace', agent: current.data, status: sync };
}

/** What `data-app-state` says: "ready" once a screen with its first data is up. */
export function appStateOf(gate: Gate, agentsPending: boolean): AppState {
  switch (gate.screen) {
    case 'error':
      return 'error';
    case 'loading':
    case 'initialSync':
      return 'loading';
    case 'pickAgent':
      return agentsPending ? 'loading' : 'ready';
    case 'signIn':
    case 'workspace':
      return 'ready';
  }
}
