import WebSocket from 'ws';
import { GuichetError, isErrorPayload } from '../../src-shared/errors';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../src-shared/sync';
import type { SyncTransport } from './sync-engine';

/** The central service cannot be reached (or answered 5xx): the workspace stays offline and retries. */
export class CentralUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CentralUnreachable';
  }
}

export interface CentralConnection {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  token: () => string | null;
  timeoutMs?: number;
}

/** POSTs JSON to the central service; a coded 4xx becomes a GuichetError, anything else CentralUnreachable. */
export async function postJson<T>(connection: CentralConnection, path: string, body: unknown, withToken = true): Promise<T> {
  const token = connection.token();
  if (withToken && token === null) throw new GuichetError('ACCESS_DENIED', {});
  let response: Response;
  try {
    response = await fetch(new URL(path, connection.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withToken ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(connection.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new CentralUnreachable(`central service unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (response.status >= 500) throw new CentralUnreachable(`central service answered ${response.status}`);
  const unreadable = Symbol('unreadable');
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => unreadable);
  // A body cut off or garbled on the way is the network's fault, not an answer: retry later.
  if (payload === unreadable && response.ok) throw new CentralUnreachable(`central service answered ${response.status} with an unreadable body`);
  if (!response.ok) {
    if (isErrorPayload(payload)) throw new GuichetError(payload.code, payload.args as never);
    throw new CentralUnreachable(`central service answered ${response.status} without a coded error`);
  }
  return payload as T;
}

export function httpSyncTransport(connection: CentralConnection): SyncTransport {
  return {
    push: (request: PushRequest) => postJson<PushResponse>(connection, '/api/sync/push', request),
    pull: (request: PullRequest) => postJson<PullResponse>(connection, '/api/sync/pull', request),
  };
}

/**
 * Listens for pokes; reconnects with backoff. Returns a function that stops listening.
 * A poke only says "pull": losing one costs a delay, never data (the workspace also syncs periodically).
 */
export function listenForPokes(connection: CentralConnection, onPoke: () => void, onState: (connected: boolean) => void): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let delay = 500;
  let timer: NodeJS.Timeout | null = null;
  const connect = () => {
    const token = connection.token();
    if (stopped || token === null) return;
    const url = new URL('/api/sync/poke', connection.url.replace(/^http/, 'ws'));
    url.searchParams.set('token', token);
    socket = new WebSocket(url);
    socket.on('open', () => {
      delay = 500;
      onState(true);
      onPoke();
    });
    socket.on('message', () => onPoke());
    socket.on('error', () => undefined);
    socket.on('close', () => {
      onState(false);
      if (stopped) return;
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30_000);
    });
  };
  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    socket?.close();
  };
}
