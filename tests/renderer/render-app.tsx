import { render, type RenderResult } from '@testing-library/react';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { ReactNode } from 'react';
import type { ErrorPayload } from '../../src-shared/errors';
import type { Language } from '../../src-shared/i18n';
import { createI18n } from '../../src-renderer/app/i18n';
import { AppProviders } from '../../src-renderer/app/providers';
import { createQueryClient } from '../../src-renderer/app/query-client';
import type { AppRouter } from '../../src-renderer/app/trpc';
import { CurrentAgentProvider } from '../../src-renderer/features/session';
import type { Agent } from '../../src-shared/schemas/entities';
import { buildSyncStatus } from './fixtures';

/** Answers a procedure from the test's fixtures: `'search.global': (input) => ({ … })`. */
export type Handlers = Partial<Record<string, (input: unknown) => unknown>>;

export interface Call {
  path: string;
  input: unknown;
}

/** A procedure refusal as the server sends it: the catalogue payload in `error.data.guichet`. */
export function guichetError(payload: ErrorPayload): TRPCClientError<AppRouter> {
  return TRPCClientError.from({
    error: { message: payload.code, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, guichet: payload } },
  }) as TRPCClientError<AppRouter>;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * An in-test tRPC link: the renderer's real client, query cache and providers, with procedures answered
 * from fixtures instead of a server (the real server is the e2e suite's business). A subscription's
 * fixture returns an async iterable (see `subscriptionFeed`): each value is one message.
 */
export function fixtureLink(handlers: Handlers, calls: Call[]): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = handlers[op.path];
        let stopped = false;
        const fail = (cause: unknown) => observer.error(cause instanceof TRPCClientError ? cause : TRPCClientError.from(cause as Error));
        Promise.resolve()
          .then(() => {
            if (handler === undefined) throw new Error(`No fixture for ${op.path}`);
            return handler(op.input);
          })
          .then(async (data) => {
            if (!isAsyncIterable(data)) {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
              return;
            }
            for await (const message of data) {
              if (stopped) return;
              observer.next({ result: { type: 'data', data: message } });
            }
          }, fail)
          .catch(fail);
        return () => {
          stopped = true;
        };
      });
}

/** A subscription fixture the test drives: `feed.push(value)` sends one message to the renderer. */
export function subscriptionFeed<T>(): AsyncIterable<T> & { push(value: T): void } {
  const queued: T[] = [];
  let wake: (() => void) | null = null;
  return {
    push(value: T) {
      queued.push(value);
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queued.length > 0) yield queued.shift() as T;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    },
  };
}

/** A desk working alone (no central service): what the app asks first, answered unless a test says otherwise. */
export const standaloneSync: Handlers = {
  'sync.status': () => buildSyncStatus(),
  'sync.changes': () => subscriptionFeed(),
  'replica.notice': () => null,
};

export interface RenderAppOptions {
  handlers?: Handlers;
  language?: Language;
  agent?: Agent;
}

export function renderApp(ui: ReactNode, options: RenderAppOptions = {}): RenderResult & { calls: Call[] } {
  const calls: Call[] = [];
  const handlers = { ...standaloneSync, ...options.handlers };
  const trpcClient = createTRPCClient<AppRouter>({ links: [fixtureLink(handlers, calls)] });
  const i18n = createI18n({ language: options.language ?? 'fr', documentElement: document.documentElement });
  const tree = options.agent === undefined ? ui : <CurrentAgentProvider agent={options.agent}>{ui}</CurrentAgentProvider>;
  const result = render(
    <AppProviders queryClient={createQueryClient()} trpcClient={trpcClient} i18n={i18n} env="test">
      {tree}
    </AppProviders>,
  );
  return Object.assign(result, { calls });
}
