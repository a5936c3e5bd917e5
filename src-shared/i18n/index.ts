import { en } from './en';
import { fr } from './fr';

export { en } from './en';
export { fr, type DeepStringRecord, type Messages } from './fr';

export type Language = 'fr' | 'en';

export const languages: readonly Language[] = ['fr', 'en'];

/** The workspace speaks French unless an agent chooses otherwise. */
export const defaultLanguage: Language = 'fr';

/** i18next resources: one `translation` namespace per language. */
export const resources = {
  fr: { translation: fr },
  en: { translation: en },
} as const;
