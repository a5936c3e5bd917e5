import { searchInputSchema } from '../../../src-shared/schemas/procedures';
import { agentProcedure, router } from '../../trpc/trpc';

export const searchRouter = router({
  global: agentProcedure.input(searchInputSchema).query(({ ctx, input }) => ctx.services.search.global(input.q, input.limit)),
});
