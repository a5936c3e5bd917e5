import { defineMainFeature } from '../main-feature';
import { sessionRouter } from './session-router';
import { createSessionService } from './session-service';

export type SessionService = ReturnType<typeof createSessionService>;

export const sessionFeature = defineMainFeature({
  namespace: 'session',
  router: sessionRouter,
  services: {
    session: ({ db, repos, centralUrl, sync }) =>
      createSessionService(db, repos, centralUrl === null ? null : { signedIn: () => sync.signedInIdentity() }),
  },
});

declare module '../../services/services' {
  interface Services {
    session: SessionService;
  }
}
