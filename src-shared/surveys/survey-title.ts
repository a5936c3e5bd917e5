import { importText, textIn, type SurveyLanguage } from './localized-text';

/** A definition's title in a language, read without importing the whole definition (lists show many). */
export function surveyTitleOf(definition: unknown, language: string): string {
  const title = typeof definition === 'object' && definition !== null ? (definition as Record<string, unknown>).title : undefined;
  const text = importText(title ?? {});
  return text === null ? '' : textIn(text, (language === 'en' ? 'en' : 'fr') satisfies SurveyLanguage).trim();
}
