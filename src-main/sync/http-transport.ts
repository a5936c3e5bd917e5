import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import https from 'node:https';
import WebSocket from 'ws';
import { GuichetError, isErrorPayload, isGuichetError, fail } from '../../src-shared/errors';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../src-shared/sync';
import type { SyncTransport } from './sync-engine';
import { centralPaths } from '../../src-shared/http/endpoints';

/** The central service cannot be reached (or answered 5xx): the workspace stays offline and retries. */
export class CentralUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CentralUnreachable';
  }
}

/**
 * Something answered, but not with a service's answer (5xx, a redirect, a body without a coded error):
 * retried like an unreachable service, told apart in the status bar (the network works, the service fails).
 */
export class CentralFault extends CentralUnreachable {
  constructor(message: string) {
    super(message);
    this.name = 'CentralFault';
  }
}

export interface CentralConnection {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  token: () => string | null;
  timeoutMs?: number;
  /** The workspace's clock (ms), for Retry-After; Date.now by default. */
  now?: () => number;
}

/**
 * Sync requests as they complete (`SyncRequestEvent`), for diagnostics and benchmarks: nothing is published,
 * nor built, unless someone subscribes.
 */
export const syncRequestChannel = diagnostics.channel('guichet:sync-request');

export interface SyncRequestEvent {
  path: string;
  /** What was sent, before it was encoded. */
  request: unknown;
  /** `performance.now()` when the request left and when its answer was read whole. */
  start: number;
  end: number;
}

// Connections kept alive: a poked pull reuses the socket of the last request instead of opening one, and
// node:http costs the main loop about a third of what fetch does per request (measured: 150 µs against 500).
const keptAlive = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * One POST, its answer read whole. A kept-alive socket the server closed meanwhile fails at once with
 * ECONNRESET: the request goes again, once, on a new socket (push and pull are both safe to repeat: a
 * resent mutation is answered from the server's log).
 */
async function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Answer> {
  try {
    return await postOnce(url, headers, body, timeoutMs);
  } catch (error) {
    if (!(error instanceof StaleSocket)) throw error;
    return postOnce(url, headers, body, timeoutMs);
  }
}

interface Answer {
  status: number;
  body: Buffer;
  retryAfter: string | undefined;
}

class StaleSocket extends Error {}

function postOnce(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const options = {
      method: 'POST',
      agent: secure ? keptAlive.https : keptAlive.http,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      timeout: timeoutMs,
    };
    const request = (secure ? https : http).request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A body cut off on the way ends with 'aborted' and 'close', never 'end'.
      response.on('close', () => {
        if (response.complete)
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), retryAfter: response.headers['retry-after'] });
        else reject(new Error('the answer was cut off'));
      });
    });
    // `timeout` is the longest silence on the socket: a long page that keeps arriving is not cut.
    request.on('timeout', () => request.destroy(new Error(`no answer for ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(request.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocket(error.message) : error),
    );
    request.end(body);
  });
}

/** POSTs JSON to the central service; a coded 4xx becomes a GuichetError, anything else CentralUnreachable. */
export async function postJson<T>(connection: CentralConnection, path: string, body: unknown, withToken = true): Promise<T> {
  const token = connection.token();
  if (withToken && token === null) throw fail('ACCESS_DENIED');
  const start = performance.now();
  let response: Answer;
  try {
    response = await post(
      new URL(path, connection.url),
      { 'content-type': 'application/json', ...(withToken ? { authorization: `Bearer ${token}` } : {}) },
      JSON.stringify(body),
      connection.timeoutMs ?? 30_000,
    );
  } catch (error) {
    throw new CentralUnreachable(`central service unreachable: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  // 5xx, or a redirect (a proxy in the way): not an answer of the service.
  if (response.status >= 500 || response.status < 200 || (response.status >= 300 && response.status < 400))
    throw new CentralFault(`central service answered ${response.status}`);
  const payload = response.status === 204 ? null : parseJson(response.body);
  if (syncRequestChannel.hasSubscribers)
    syncRequestChannel.publish({ path, request: body, start, end: performance.now() } satisfies SyncRequestEvent);
  // A body garbled on the way is the network's fault, not an answer: retry later.
  if (payload === undefined && response.status < 400)
    throw new CentralFault(`central service answered ${response.status} with an unreadable body`);
  if (response.status === 429) throw rateLimited(response.retryAfter, payload, connection.now?.() ?? Date.now());
  if (response.status >= 400) {
    if (isErrorPayload(payload)) throw new GuichetError(payload.code, payload.args as never);
    throw new CentralFault(`central service answered ${response.status} without a coded error`);
  }
  return payload as T;
}

/** The JSON in `body`, or undefined when it holds none (JSON itself has no undefined). */
function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A 429 (the service's RATE_LIMITED, or a proxy's) as RATE_LIMITED with the longer of Retry-After (seconds or
 * an HTTP date) and the body's wait; a 429 without either waits a minute.
 */
function rateLimited(header: string | undefined, payload: unknown, now: number): GuichetError<'RATE_LIMITED'> {
  const fromBody =
    isErrorPayload(payload) && payload.code === 'RATE_LIMITED'
      ? Number((payload.args as { retryAfterSeconds?: unknown }).retryAfterSeconds)
      : NaN;
  let fromHeader = NaN;
  if (header !== undefined) fromHeader = /^\d+$/.test(header.trim()) ? Number(header) : Math.ceil((Date.parse(header) - now) / 1000);
  const seconds = Math.max(...[fromBody, fromHeader].filter((value) => Number.isFinite(value) && value > 0), 0);
  return fail('RATE_LIMITED', { retryAfterSeconds: seconds > 0 ? seconds : 60 });
}

/** How long a RATE_LIMITED refusal asks to wait, in ms; null for any other error. */
export function retryAfterMs(error: unknown): number | null {
  return isGuichetError(error) && error.code === 'RATE_LIMITED'
    ? (error as GuichetError<'RATE_LIMITED'>).args.retryAfterSeconds * 1000
    : null;
}

/**
 * Pushes wait out a RATE_LIMITED answer: until its Retry-After has passed, a push (whoever asks for a sync:
 * a write, a poke, the timer) is refused here with the time left, and nothing is sent.
 */
export function httpSyncTransport(connection: CentralConnection): SyncTransport {
  const now = () => connection.now?.() ?? Date.now();
  let pushNotBefore = 0;
  return {
    async push(request: PushRequest) {
      const left = pushNotBefore - now();
      if (left > 0) throw fail('RATE_LIMITED', { retryAfterSeconds: Math.ceil(left / 1000) });
      try {
        return await postJson<PushResponse>(connection, centralPaths.push, request);
      } catch (error) {
        const wait = retryAfterMs(error);
        if (wait !== null) pushNotBefore = now() + wait;
        throw error;
      }
    },
    pull: (request: PullRequest) => postJson<PullResponse>(connection, centralPaths.pull, request),
  };
}

/** The close code the central service gives a poke socket whose session ended (src-central/sync/sync-routes.ts). */
const SESSION_ENDED_CLOSE = 4401;

/**
 * Listens for pokes; reconnects with backoff, unless the central service says the session is over
 * (`onSessionEnded`). Returns a function that stops listening.
 * A poke only says "pull": losing one costs a delay, never data (the workspace also syncs periodically).
 */
export function listenForPokes(
  connection: CentralConnection,
  onPoke: () => void,
  onState: (connected: boolean) => void,
  onSessionEnded: () => void = () => undefined,
): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let delay = 500;
  let timer: NodeJS.Timeout | null = null;
  const connect = () => {
    const token = connection.token();
    if (stopped || token === null) return;
    const url = new URL(centralPaths.poke, connection.url.replace(/^http/, 'ws'));
    url.searchParams.set('token', token);
    socket = new WebSocket(url);
    socket.on('open', () => {
      delay = 500;
      onState(true);
      onPoke();
    });
    socket.on('message', () => onPoke());
    socket.on('error', () => undefined);
    let refused = false;
    socket.on('unexpected-response', (_request, response) => {
      // Refused at the door: 401 means the session is over; anything else is retried like a drop.
      refused = response.statusCode === 401;
      response.resume();
      socket?.terminate();
    });
    socket.on('close', (code) => {
      onState(false);
      if (stopped) return;
      // The session ended (signed out elsewhere, revoked, expired): no reconnecting with its token.
      if (code === SESSION_ENDED_CLOSE || refused) {
        onSessionEnded();
        return;
      }
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
