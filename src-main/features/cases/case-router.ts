import {
  caseCommentInputSchema,
  caseListInputSchema,
  caseOpenInputSchema,
  caseReassignInputSchema,
  caseTransferInputSchema,
  caseUpdateInputSchema,
  caseTransitionInputSchema,
  idInputSchema,
  trackingCodeInputSchema,
} from '../../../src-shared/schemas/procedures';
import { agentProcedure, router } from '../../trpc/trpc';

export const caseRouter = router({
  list: agentProcedure.input(caseListInputSchema).query(({ ctx, input }) => ctx.services.cases.list(ctx.agent, input)),
  detail: agentProcedure.input(idInputSchema).query(({ ctx, input }) => ctx.services.cases.detail(ctx.agent, input.id)),
  byTrackingCode: agentProcedure.input(trackingCodeInputSchema).query(({ ctx, input }) => ctx.services.cases.byTrackingCode(input.code)),
  open: agentProcedure.input(caseOpenInputSchema).mutation(({ ctx, input }) => ctx.services.cases.open(ctx.agent, input)),
  transition: agentProcedure.input(caseTransitionInputSchema).mutation(({ ctx, input }) => ctx.services.cases.transition(ctx.agent, input)),
  transfer: agentProcedure.input(caseTransferInputSchema).mutation(({ ctx, input }) => ctx.services.cases.transfer(ctx.agent, input)),
  update: agentProcedure.input(caseUpdateInputSchema).mutation(({ ctx, input }) => ctx.services.cases.update(ctx.agent, input)),
  reassign: agentProcedure.input(caseReassignInputSchema).mutation(({ ctx, input }) => ctx.services.cases.reassign(ctx.agent, input)),
  comment: agentProcedure.input(caseCommentInputSchema).mutation(({ ctx, input }) => ctx.services.cases.comment(ctx.agent, input)),
});
