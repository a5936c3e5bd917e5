import { casesFeature } from './cases';
import { citizensFeature } from './citizens';
import { referenceFeature } from './reference';
import { replicaFeature } from './replica';
import { searchFeature } from './search';
import { sessionFeature } from './session';
import { surveysFeature } from './surveys';
import { surveySynthesisFeature } from './survey-synthesis';
import { syncFeature } from './sync';
import { voiceFeature } from './voice';

/**
 * The workspace's features, one line each: the root router (trpc/root.ts) and the service container
 * (services/services.ts) are built from this list. Adding a feature: its folder, and one line here.
 */
export const mainFeatures = [
  sessionFeature,
  referenceFeature,
  searchFeature,
  citizensFeature,
  casesFeature,
  surveysFeature,
  syncFeature,
  replicaFeature,
  voiceFeature,
  surveySynthesisFeature,
] as const;
