import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, languages, resources, type Language } from '../../src-shared/i18n';

export const LANGUAGE_STORAGE_KEY = 'guichet.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
  return isLanguage(value) ? value : defaultLanguage;
}

export interface I18nOptions {
  language: Language;
  /** Where the chosen language is remembered; none in tests. */
  storage?: Pick<Storage, 'setItem'>;
  /** Gets `lang` so screen readers and spell-checkers follow the chosen language. */
  documentElement?: { lang: string };
}

/**
 * Screens read their words from the `ui` namespace and fall back to `translation` (errors, statuses,
 * actions…), so `t('status.new')` and `t('desk.title')` both work without naming a namespace.
 */
export function createI18n({ language, storage, documentElement }: I18nOptions): i18n {
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  instance.on('languageChanged', (lng) => {
    if (!isLanguage(lng)) return;
    if (documentElement) documentElement.lang = lng;
    storage?.setItem(LANGUAGE_STORAGE_KEY, lng);
  });
  void instance.init({
    resources,
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    ns: ['ui', 'translation'],
    defaultNS: 'ui',
    fallbackNS: 'translation',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  if (documentElement) documentElement.lang = language;
  return instance;
}
