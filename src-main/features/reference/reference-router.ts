import { agentProcedure, publicProcedure, router } from '../../trpc/trpc';

export const referenceRouter = router({
  // Reference data, public like the agents list: the agent picker shows department names.
  departments: publicProcedure.query(({ ctx }) => ctx.services.reference.departments()),
  categories: agentProcedure.query(({ ctx }) => ctx.services.reference.categories()),
  agents: agentProcedure.query(({ ctx }) => ctx.services.reference.agents()),
});
