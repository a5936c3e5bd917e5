import { z } from 'zod';
import { noFilter, synthesisFilterSchema } from '../../../src-shared/surveys/synthesis/schemas';
import { idSchema, textSchema } from '../../../src-shared/schemas/common';
import { questionNameSchema } from '../../../src-shared/schemas/voice';
import { voiceArgsSchemas } from '../../../src-shared/mutations/voice-args';
import { agentProcedure, router } from '../../trpc/trpc';

const question = questionNameSchema;

export const voiceRouter = router({
  indicators: agentProcedure
    .input(z.object({ departmentId: idSchema }))
    .query(({ ctx, input }) => ctx.services.voice.indicators(ctx.agent, input.departmentId)),
  saveIndicator: agentProcedure
    .input(voiceArgsSchemas['indicator.save'].extend({ id: idSchema.nullable() }))
    .mutation(({ ctx, input }) => ctx.services.voice.saveIndicator(ctx.agent, input)),
  surveys: agentProcedure.query(({ ctx }) => ctx.services.voice.surveys(ctx.agent)),
  openAnswers: agentProcedure
    .input(
      z.object({
        surveyId: idSchema,
        question,
        search: textSchema({ max: 200 }).default(''),
        theme: textSchema({ min: 1, max: 80 }).nullable().default(null),
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
        filter: synthesisFilterSchema.default(noFilter),
      }),
    )
    .query(({ ctx, input }) => ctx.services.voice.openAnswers(ctx.agent, input)),
  tag: agentProcedure
    .input(voiceArgsSchemas['answer.tag'].omit({ id: true }))
    .mutation(({ ctx, input }) => ctx.services.voice.tag(ctx.agent, input)),
  untag: agentProcedure.input(z.object({ id: idSchema })).mutation(({ ctx, input }) => ctx.services.voice.untag(ctx.agent, input.id)),
  caseThemes: agentProcedure
    .input(z.object({ caseId: idSchema }))
    .query(({ ctx, input }) => ctx.services.feedbackThemes.caseThemes(ctx.agent, input.caseId)),
  tagCase: agentProcedure
    .input(voiceArgsSchemas['case.tag'])
    .mutation(({ ctx, input }) => ctx.services.feedbackThemes.tag(ctx.agent, input)),
  untagCase: agentProcedure
    .input(voiceArgsSchemas['case.untag'])
    .mutation(({ ctx, input }) => ctx.services.feedbackThemes.untag(ctx.agent, input)),
  feedbackThemes: agentProcedure
    .input(z.object({ departmentId: idSchema }))
    .query(({ ctx, input }) => ctx.services.feedbackThemes.feedbackThemes(ctx.agent, input.departmentId)),
  outcomes: agentProcedure.query(({ ctx }) => ctx.services.voice.outcomes(ctx.agent)),
  saveOutcome: agentProcedure
    .input(voiceArgsSchemas['outcome.save'].extend({ id: idSchema.nullable() }))
    .mutation(({ ctx, input }) => ctx.services.voice.saveOutcome(ctx.agent, input)),
  publishOutcome: agentProcedure
    .input(voiceArgsSchemas['outcome.publish'])
    .mutation(({ ctx, input }) => ctx.services.voice.publishOutcome(ctx.agent, input)),
});
