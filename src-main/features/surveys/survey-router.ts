import { idInputSchema } from '../../../src-shared/schemas/procedures';
import {
  caseIdInputSchema,
  surveyCollectorSaveInputSchema,
  surveyResponseRecordInputSchema,
  surveySaveInputSchema,
  surveySetStatusInputSchema,
} from '../../../src-shared/schemas/survey-procedures';
import { agentProcedure, router } from '../../trpc/trpc';

export const surveyRouter = router({
  publicUrl: agentProcedure.query(({ ctx }) => ctx.services.surveys.publicUrl()),
  list: agentProcedure.query(({ ctx }) => ctx.services.surveys.list(ctx.agent)),
  detail: agentProcedure.input(idInputSchema).query(({ ctx, input }) => ctx.services.surveys.detail(ctx.agent, input.id)),
  save: agentProcedure.input(surveySaveInputSchema).mutation(({ ctx, input }) => ctx.services.surveys.save(ctx.agent, input)),
  setStatus: agentProcedure
    .input(surveySetStatusInputSchema)
    .mutation(({ ctx, input }) => ctx.services.surveys.setStatus(ctx.agent, input)),
  saveCollector: agentProcedure
    .input(surveyCollectorSaveInputSchema)
    .mutation(({ ctx, input }) => ctx.services.surveys.saveCollector(ctx.agent, input)),
  recordResponse: agentProcedure
    .input(surveyResponseRecordInputSchema)
    .mutation(({ ctx, input }) => ctx.services.surveys.recordResponse(ctx.agent, input)),
  caseFeedback: agentProcedure.input(caseIdInputSchema).query(({ ctx, input }) => ctx.services.surveys.caseFeedback(input.caseId)),
});
