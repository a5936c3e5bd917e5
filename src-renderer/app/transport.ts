import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCLink } from '@trpc/client';
import { TOKEN_HEADER, TOKEN_QUERY_PARAM, workspacePaths } from '../../src-shared/http/endpoints';
import { electronIpcLink } from './electron-ipc-link';
import type { AppRouter } from './trpc';

/**
 * Browser mode's per-launch secret (contract in src-main/web/browser-mode.ts): read once from `?token=`,
 * kept in sessionStorage so a reload in the same tab still works, and removed from the address bar so it
 * is not left in the history or in a screenshot.
 */
export const TOKEN_STORAGE_KEY = 'guichet.token';

export interface BrowserLocationLike {
  location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeBrowserToken(env: BrowserLocationLike): string | null {
  const params = new URLSearchParams(env.location.search);
  const fromUrl = params.get(TOKEN_QUERY_PARAM);
  if (fromUrl !== null && fromUrl !== '') {
    env.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    params.delete(TOKEN_QUERY_PARAM);
    const query = params.toString();
    const cleaned = `${env.location.pathname}${query === '' ? '' : `?${query}`}${env.location.hash}`;
    env.history.replaceState(env.history.state, '', cleaned);
    return fromUrl;
  }
  return env.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

export type Transport = 'electron' | 'browser';

/** Electron's preload exposes `window.electronTRPC`; anywhere else we are in browser mode. */
export function detectTransport(scope: object): Transport {
  return 'electronTRPC' in scope ? 'electron' : 'browser';
}

function browserLinks(token: string | null, location: Pick<Location, 'protocol' | 'host'>): TRPCLink<AppRouter>[] {
  const headers = (): Record<string, string> => (token === null ? {} : { [TOKEN_HEADER]: token });
  const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // Lazy: no socket is opened until a subscription needs one, and it closes when none is left.
  const wsClient = createWSClient({
    url: `${wsProtocol}//${location.host}${workspacePaths.trpcSocket}?${TOKEN_QUERY_PARAM}=${encodeURIComponent(token ?? '')}`,
    lazy: { enabled: true, closeMs: 0 },
  });
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: wsLink<AppRouter>({ client: wsClient }),
      false: httpBatchLink<AppRouter>({ url: workspacePaths.trpc, headers }),
    }),
  ];
}

export function createAppTrpcClient(scope: Window & typeof globalThis = window) {
  const links =
    detectTransport(scope) === 'electron' ? [electronIpcLink<AppRouter>()] : browserLinks(takeBrowserToken(scope), scope.location);
  return createTRPCClient<AppRouter>({ links });
}
