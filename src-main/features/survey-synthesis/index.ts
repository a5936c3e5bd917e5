import type { z } from 'zod';
import type { Agent } from '../../../src-shared/schemas/entities';
import type {
  CrosstabInput,
  departmentExportInputSchema,
  surveyExportInputSchema,
  synthesisInputSchema,
} from '../../../src-shared/surveys/synthesis/schemas';
import type { ReplicaDb } from '../../db/open-replica';
import { defineMainFeature } from '../main-feature';
import { createExportService } from './export-service';
import { surveySynthesisRouter } from './synthesis-router';
import { createSynthesisRepository } from './synthesis-repository';
import { createSynthesisService } from './synthesis-service';

type Reader = Pick<Agent, 'roles'>;

/** The synthesis and the exports of surveys, over the replica (works offline). */
export function createSurveySynthesis(db: ReplicaDb) {
  const repo = createSynthesisRepository(db.$client);
  const synthesis = createSynthesisService(repo);
  const exports = createExportService(repo);
  return {
    overview: (agent: Reader, input: z.infer<typeof synthesisInputSchema>) => synthesis.overview(agent, input.surveyId, input.filter),
    crosstab: (agent: Reader, input: CrosstabInput) => synthesis.crosstab(agent, input),
    exportSurvey: (agent: Reader, input: z.infer<typeof surveyExportInputSchema>) =>
      exports.survey(synthesis.readable(agent, input.surveyId), input.format, input.language),
    exportDepartment: (agent: Reader, input: z.infer<typeof departmentExportInputSchema>) =>
      exports.department(agent, input.departmentId, input.language),
  };
}

export type SurveySynthesisService = ReturnType<typeof createSurveySynthesis>;

export const surveySynthesisFeature = defineMainFeature({
  namespace: 'surveySynthesis',
  router: surveySynthesisRouter,
  services: { surveySynthesis: (deps) => createSurveySynthesis(deps.db) },
});

declare module '../../services/services' {
  interface Services {
    surveySynthesis: SurveySynthesisService;
  }
}
