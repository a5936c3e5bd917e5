import { readMeta } from '../../repositories/meta-repository';
import { defineMainFeature } from '../main-feature';
import { createSynthesisRepository } from '../survey-synthesis/synthesis-repository';
import { createSurveyRepository } from './survey-repository';
import { surveyRouter } from './survey-router';
import { createSurveyService } from './survey-service';

export type SurveyService = ReturnType<typeof createSurveyService>;

export const surveysFeature = defineMainFeature({
  namespace: 'survey',
  router: surveyRouter,
  services: {
    surveys: (deps) =>
      createSurveyService(
        {
          surveys: createSurveyRepository(deps.db),
          synthesis: createSynthesisRepository(deps.db.$client),
          publicUrl: () => readMeta(deps.db, 'public_url'),
        },
        deps.clock,
        deps.entropy,
        deps.mutate,
      ),
  },
});

declare module '../../services/services' {
  interface Services {
    surveys: SurveyService;
  }
}
