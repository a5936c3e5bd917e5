import { chooseAgentInputSchema } from '../../../src-shared/schemas/procedures';
import { publicProcedure, router } from '../../trpc/trpc';

export const sessionRouter = router({
  agents: publicProcedure.query(({ ctx }) => ctx.services.session.agents()),
  current: publicProcedure.query(({ ctx }) => ctx.agent),
  choose: publicProcedure.input(chooseAgentInputSchema).mutation(({ ctx, input }) => ctx.services.session.choose(input.agentId)),
  leave: publicProcedure.mutation(({ ctx }) => ctx.services.session.leave()),
});
