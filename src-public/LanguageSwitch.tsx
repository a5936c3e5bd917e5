import { translate, type Language } from './i18n';

/** French by default; one button to read the page in the other language. */
export function LanguageSwitch({ language, onChange }: { language: Language; onChange: (language: Language) => void }) {
  const other: Language = language === 'fr' ? 'en' : 'fr';
  return (
    <button
      type="button"
      className="language-switch"
      lang={other}
      aria-label={translate(language, 'switchLanguageLabel')}
      onClick={() => onChange(other)}
    >
      {translate(language, 'switchLanguage')}
    </button>
  );
}
