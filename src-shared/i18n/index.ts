import { en } from './en';
import { fr } from './fr';
import { uiEn } from './ui-en';
import { uiFr } from './ui-fr';

export { en } from './en';
export { fr, type DeepStringRecord, type Messages } from './fr';
export { uiEn } from './ui-en';
export { uiFr, type UiMessages } from './ui-fr';

export type Language = 'fr' | 'en';

export const languages: readonly Language[] = ['fr', 'en'];

/** The workspace speaks French unless an agent chooses otherwise. */
export const defaultLanguage: Language = 'fr';

/**
 * i18next resources: `translation` (codes and errors, shared with the main side) and `ui` (the
 * renderer's screens) per language.
 */
export const resources = {
  fr: { translation: fr, ui: uiFr },
  en: { translation: en, ui: uiEn },
} as const;
