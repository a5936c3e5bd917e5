import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../src-shared/i18n';

const names: Record<Language, string> = { fr: 'Français (FR)', en: 'English (EN)' };

/** Two toggle buttons; each language's name is written in that language, as users look for it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label={t('app.language')}>
      {languages.map((language) => {
        const active = i18n.language === language;
        return (
          <Button
            key={language}
            size="compact-sm"
            variant={active ? 'filled' : 'default'}
            aria-pressed={active}
            aria-label={names[language]}
            lang={language}
            onClick={() => void i18n.changeLanguage(language)}
          >
            {language.toUpperCase()}
          </Button>
        );
      })}
    </Group>
  );
}
