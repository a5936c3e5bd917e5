import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { ipcLink } from 'trpc-electron/renderer';

/**
 * trpc-electron 0.1.2 throws its own bundled TRPCClientError, which @trpc/client 11 does not recognise and
 * wraps, losing `error.data` (and with it the catalogue code). Rebuild the error from the server's shape.
 */
export function electronIpcLink<TRouter extends AnyTRPCRouter>(): TRPCLink<TRouter> {
  const link = ipcLink<TRouter>();
  return (runtime) => {
    const operation = link(runtime);
    return (options) =>
      observable((observer) =>
        operation(options).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => observer.error(TRPCClientError.from<TRouter>(responseOf(error) ?? error)),
        }),
      );
  };
}

function responseOf(error: unknown): { error: unknown } | null {
  const shape: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'shape') : undefined;
  return typeof shape === 'object' && shape !== null ? { error: shape } : null;
}
