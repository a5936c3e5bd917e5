import { defineMainFeature } from '../main-feature';
import { voiceRouter } from './voice-router';
import { createVoiceService } from './voice-service';

export type VoiceService = ReturnType<typeof createVoiceService>;

/** Indicators, themes on open answers and outcomes: what departments steer by and say back (docs/surveys.md). */
export const voiceFeature = defineMainFeature({
  namespace: 'voice',
  router: voiceRouter,
  services: { voice: (deps) => createVoiceService(deps.db, deps.clock, deps.entropy, deps.mutate) },
});

declare module '../../services/services' {
  interface Services {
    voice: VoiceService;
  }
}
