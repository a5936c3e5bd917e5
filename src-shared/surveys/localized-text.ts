/**
 * A SurveyJS localisable string, held as its object form: `"Texte"` reads `{ default: 'Texte' }`. In
 * SurveyJS `default` is the default locale's text (English), every other key a locale's own; a locale
 * without its key falls back to `default`. Keys the designer does not edit (`de`, …) are kept as they came.
 */
export type LocalizedText = Readonly<Record<string, string>>;

export type SurveyLanguage = 'fr' | 'en';

export const emptyText: LocalizedText = {};

/**
 * What a respondent reading `language` sees (survey-core's resolution: a locale's own key, else `default`;
 * a definition written elsewhere may hold an `en` key beside a `default` in another language).
 */
export function textIn(text: LocalizedText, language: SurveyLanguage): string {
  return (language === 'fr' ? (text.fr ?? text.default) : (text.en ?? text.default)) ?? '';
}

/** The text as a designer wrote it in one language: English is empty when English readers see the French. */
export function writtenIn(text: LocalizedText, language: SurveyLanguage): string {
  const value = textIn(text, language);
  return language === 'en' && value === textIn(text, 'fr') ? '' : value;
}

/**
 * The text with one language changed and the other left as its respondents read it. An English equal to
 * the French, or empty, is the French for everyone (a plain string when no other locale is held).
 */
export function withText(text: LocalizedText, language: SurveyLanguage, value: string): LocalizedText {
  const fr = language === 'fr' ? value : textIn(text, 'fr');
  // An English that only showed the French (never written) follows the French as it changes.
  const en = language === 'en' ? value : writtenIn(text, 'en');
  const others = Object.fromEntries(Object.entries(text).filter(([key]) => key !== 'default' && key !== 'fr' && key !== 'en'));
  if (en === '' || en === fr) return fr === '' ? others : { ...others, default: fr };
  return { ...others, default: en, ...(fr === '' ? {} : { fr }) };
}

export function textOf(fr: string, en = ''): LocalizedText {
  return withText(withText(emptyText, 'fr', fr), 'en', en);
}

/** The JSON form: a plain string when only `default` is held, the object otherwise, nothing when empty. */
export function exportText(text: LocalizedText): string | Record<string, string> | undefined {
  const keys = Object.keys(text);
  if (keys.length === 0) return undefined;
  if (keys.length === 1 && text.default !== undefined) return text.default;
  return { ...text };
}

/** Reads a JSON locstring; null when it is not one (then the property is kept verbatim by the caller). */
export function importText(value: unknown): LocalizedText | null {
  if (typeof value === 'string') return { default: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  return entries.every(([, text]) => typeof text === 'string') ? (Object.fromEntries(entries) as LocalizedText) : null;
}
