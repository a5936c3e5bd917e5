import { defineMainFeature } from '../main-feature';
import { voiceRouter } from './voice-router';
import { createFeedbackThemesService } from './feedback-themes-service';
import { createVoiceService } from './voice-service';

export type VoiceService = ReturnType<typeof createVoiceService>;
export type FeedbackThemesService = ReturnType<typeof createFeedbackThemesService>;

/** Indicators, themes on open answers and feedback, and outcomes: what departments steer by and say back (docs/surveys.md). */
export const voiceFeature = defineMainFeature({
  namespace: 'voice',
  router: voiceRouter,
  services: {
    voice: (deps) => createVoiceService(deps.db, deps.clock, deps.entropy, deps.mutate),
    feedbackThemes: (deps) => createFeedbackThemesService(deps.db, deps.clock, deps.mutate),
  },
});

declare module '../../services/services' {
  interface Services {
    voice: VoiceService;
    feedbackThemes: FeedbackThemesService;
  }
}
