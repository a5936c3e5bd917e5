import { z } from 'zod';
import { signInInputSchema, signOutInputSchema } from '../../../src-shared/schemas/auth';
import { agentProcedure, publicProcedure, router } from '../../trpc/trpc';

const mutationIdInput = z.object({ mutationId: z.number().int().min(1) });

export const syncRouter = router({
  status: publicProcedure.query(({ ctx }) => ctx.services.sync.status()),
  demoAccounts: publicProcedure.query(({ ctx }) => ctx.services.demoAccounts()),
  signIn: publicProcedure.input(signInInputSchema).mutation(({ ctx, input }) => ctx.services.sync.signIn(input)),
  signOut: publicProcedure.input(signOutInputSchema).mutation(({ ctx, input }) => ctx.services.sync.signOut(input)),
  now: agentProcedure.mutation(({ ctx }) => ctx.services.sync.syncNow()),
  inbox: agentProcedure.query(({ ctx }) => ctx.services.syncInbox.inbox()),
  discard: agentProcedure.input(mutationIdInput).mutation(({ ctx, input }) => ctx.services.syncInbox.discard(input.mutationId)),
  reapply: agentProcedure
    .input(mutationIdInput)
    .mutation(({ ctx, input }) => ctx.services.syncInbox.reapply(ctx.agent, input.mutationId, ctx.services.clock.now())),
  /** One message each time the replica changes under the workspace: the renderer refetches. */
  changes: publicProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const _ of ctx.services.changes(signal)) yield ctx.services.sync.status();
  }),
});
