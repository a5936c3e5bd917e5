import {
  crosstabInputSchema,
  departmentExportInputSchema,
  surveyExportInputSchema,
  synthesisInputSchema,
} from '../../../src-shared/surveys/synthesis/schemas';
import { agentProcedure, router } from '../../trpc/trpc';

/** The synthesis of a survey's responses on this replica: read by agents with `survey.synthesis.read` in its department. */
export const surveySynthesisRouter = router({
  overview: agentProcedure.input(synthesisInputSchema).query(({ ctx, input }) => ctx.services.surveySynthesis.overview(ctx.agent, input)),
  crosstab: agentProcedure.input(crosstabInputSchema).query(({ ctx, input }) => ctx.services.surveySynthesis.crosstab(ctx.agent, input)),
  exportSurvey: agentProcedure
    .input(surveyExportInputSchema)
    .mutation(({ ctx, input }) => ctx.services.surveySynthesis.exportSurvey(ctx.agent, input)),
  exportDepartment: agentProcedure
    .input(departmentExportInputSchema)
    .mutation(({ ctx, input }) => ctx.services.surveySynthesis.exportDepartment(ctx.agent, input)),
});
