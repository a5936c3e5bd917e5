import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

/** Awaits a call expected to fail and returns what a client sees: the tRPC code and the catalogue payload. */
export async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause as { code?: string; args?: unknown } | undefined;
  return { trpcCode: (error as TRPCError).code, code: cause?.code, args: cause?.args };
}
