import { caseRouter } from './routers/case';
import { citizenRouter } from './routers/citizen';
import { referenceRouter } from './routers/reference';
import { replicaRouter } from './routers/replica';
import { searchRouter } from './routers/search';
import { sessionRouter } from './routers/session';
import { syncRouter } from './routers/sync';
import { createCallerFactory, router } from './trpc';

/** The workspace's whole RPC surface, one line a feature. */
export const appRouter = router({
  session: sessionRouter,
  reference: referenceRouter,
  search: searchRouter,
  citizen: citizenRouter,
  case: caseRouter,
  sync: syncRouter,
  replica: replicaRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
