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

/**
 * An in-test tRPC link: the renderer's real client, query cache and providers, with procedures answered
 * from fixtures instead of a server (the real server is the e2e suite's business).
 */
export function fixtureLink(handlers: Handlers, calls: Call[]): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = handlers[op.path];
        Promise.resolve()
          .then(() => {
            if (handler === undefined) throw new Error(`No fixture for ${op.path}`);
            return handler(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (cause: unknown) =>
              observer.error(cause instanceof TRPCClientError ? cause : TRPCClientError.from(cause as Error)),
          );
        return () => undefined;
      });
}

export interface RenderAppOptions {
  handlers?: Handlers;
  language?: Language;
  agent?: Agent;
}

export function renderApp(ui: ReactNode, options: RenderAppOptions = {}): RenderResult & { calls: Call[] } {
  const calls: Call[] = [];
  const trpcClient = createTRPCClient<AppRouter>({ links: [fixtureLink(options.handlers ?? {}, calls)] });
  const i18n = createI18n({ language: options.language ?? 'fr', documentElement: document.documentElement });
  const tree =
    options.agent === undefined ? ui : <CurrentAgentProvider agent={options.agent}>{ui}</CurrentAgentProvider>;
  const result = render(
    <AppProviders queryClient={createQueryClient()} trpcClient={trpcClient} i18n={i18n} env="test">
      {tree}
    </AppProviders>,
  );
  return Object.assign(result, { calls });
}
