import {
  citizenInputSchema,
  citizenSimilarInputSchema,
  citizenUpdateInputSchema,
  idInputSchema,
} from '../../../src-shared/schemas/procedures';
import { agentProcedure, router } from '../../trpc/trpc';

export const citizenRouter = router({
  card: agentProcedure.input(idInputSchema).query(({ ctx, input }) => ctx.services.citizens.card(input.id)),
  similar: agentProcedure.input(citizenSimilarInputSchema).query(({ ctx, input }) => ctx.services.citizens.similar(input)),
  create: agentProcedure.input(citizenInputSchema).mutation(({ ctx, input }) => ctx.services.citizens.create(ctx.agent, input)),
  update: agentProcedure.input(citizenUpdateInputSchema).mutation(({ ctx, input }) => ctx.services.citizens.update(ctx.agent, input)),
});
