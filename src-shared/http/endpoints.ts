/**
 * Every HTTP and WebSocket path two layers must agree on, written once: the central service's routes and the
 * workspace's transport (and the tests that call them) import these instead of repeating the strings.
 */
export const centralPaths = {
  health: '/health',
  signIn: '/api/auth/sign-in',
  signOut: '/api/auth/sign-out',
  me: '/api/auth/me',
  /** Answers only on a service started with --demo (404 otherwise): the sign-in screen's demo accounts. */
  demoAccounts: '/api/auth/demo-accounts',
  push: '/api/sync/push',
  pull: '/api/sync/pull',
  /** The poke socket (WebSocket); browsers cannot set headers, so the token comes as `?token=`. */
  poke: '/api/sync/poke',
  /** The desktop's update feed (electron-updater's generic provider), files under it. */
  updates: '/updates',
} as const;

/** The sync exchanges, the prefix of push and pull (recorders and fault injectors filter on it). */
export const syncPathPrefix = '/api/sync/';

/** Browser mode: the workspace's tRPC router over HTTP and WebSocket on 127.0.0.1 (src-main/web). */
export const workspacePaths = {
  trpc: '/trpc',
  trpcSocket: '/trpc-ws',
} as const;

/** Browser mode's per-launch secret travels in this header, or in this query parameter where a header cannot go. */
export const TOKEN_HEADER = 'x-guichet-token';
export const TOKEN_QUERY_PARAM = 'token';
