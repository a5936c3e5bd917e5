import { mainFeatures } from '../features';
import { routersOf } from '../features/main-feature';
import { createCallerFactory, router } from './trpc';

/** The workspace's whole RPC surface: one namespace a feature, read from the feature list (src-main/features). */
export const appRouter = router(routersOf(mainFeatures));

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
