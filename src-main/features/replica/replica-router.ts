import { publicProcedure, router } from '../../trpc/trpc';

/** The replica file itself: the notice shown after a damaged file was set aside and rebuilt. */
export const replicaRouter = router({
  // Public like the sync status: the sign-in screen shows it too, and it carries no citizen data.
  notice: publicProcedure.query(({ ctx }) => ctx.services.replica.notice()),
  dismissNotice: publicProcedure.mutation(({ ctx }) => ctx.services.replica.dismissNotice()),
});
