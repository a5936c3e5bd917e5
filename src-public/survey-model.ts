import { Model } from 'survey-core';
import 'survey-core/i18n/french';
import { surveyTitleOf } from '../src-shared/surveys/survey-title';
import type { Language } from './i18n';

/**
 * The survey-core model of a public page. Its own completion page is off: the pages show their own thank-you
 * once the service has the answer. The kiosk asks one question per screen, with a progress bar, and shows
 * ratings as faces.
 */
export function surveyModel(definition: Record<string, unknown>, language: Language, mode: 'page' | 'kiosk'): Model {
  const json = mode === 'kiosk' ? kioskDefinition(definition) : definition;
  const model = new Model(json);
  model.locale = language;
  model.showCompletedPage = false;
  // The page's own heading says the title (one h1 per page).
  model.showTitle = false;
  model.checkErrorsMode = 'onValueChanged';
  if (mode === 'kiosk') {
    model.questionsOnPageMode = 'questionPerPage';
    model.showProgressBar = true;
    model.progressBarLocation = 'top';
    model.progressBarType = 'questions';
  }
  return model;
}

/** Ratings drawn as faces on a kiosk (up to 10 faces: survey-core's limit), the rest as designed. */
function kioskDefinition(definition: Record<string, unknown>): Record<string, unknown> {
  const faces = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(faces);
    if (typeof value !== 'object' || value === null) return value;
    const element = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, faces(inner)]));
    const rateMax = typeof element.rateMax === 'number' ? element.rateMax : 5;
    if (element.type === 'rating' && element.rateType === 'stars' && element.rateValues === undefined && rateMax <= 10)
      element.rateType = 'smileys';
    return element;
  };
  return faces(definition) as Record<string, unknown>;
}

/** The survey's title in the page's language, or null (as the workspace reads it: `surveyTitleOf`). */
export function surveyTitle(definition: Record<string, unknown>, language: Language): string | null {
  return surveyTitleOf(definition, language) || null;
}
