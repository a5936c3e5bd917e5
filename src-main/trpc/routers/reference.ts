import { agentProcedure, router } from '../trpc';

export const referenceRouter = router({
  departments: agentProcedure.query(({ ctx }) => ctx.services.reference.departments()),
  categories: agentProcedure.query(({ ctx }) => ctx.services.reference.categories()),
  agents: agentProcedure.query(({ ctx }) => ctx.services.reference.agents()),
});
