import { defineMainFeature } from '../main-feature';
import { createSurveyRepository } from './survey-repository';
import { surveyRouter } from './survey-router';
import { createSurveyService } from './survey-service';

export type SurveyService = ReturnType<typeof createSurveyService>;

export const surveysFeature = defineMainFeature({
  namespace: 'survey',
  router: surveyRouter,
  services: {
    surveys: (deps) => createSurveyService({ surveys: createSurveyRepository(deps.db) }, deps.clock, deps.entropy, deps.mutate),
  },
});

declare module '../../services/services' {
  interface Services {
    surveys: SurveyService;
  }
}
