import { Button, Group, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OpenAnswersPage } from '../api';

export interface ThemePanelProps {
  themes: OpenAnswersPage['themes'];
  suggestions: OpenAnswersPage['suggestions'];
  activeTheme: string | null;
  headingOrder: TitleOrder;
  onTheme: (theme: string | null) => void;
  onSuggestion: (label: string) => void;
}

/** The themes in use with their counts (a click filters on one), and the suggested themes (a click searches for one). */
export function ThemePanel({ themes, suggestions, activeTheme, headingOrder, onTheme, onSuggestion }: ThemePanelProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <div>
        <Title order={headingOrder} size="h5">
          {t('voice.themes.inUse')}
        </Title>
        {themes.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('voice.themes.noTheme')}
          </Text>
        ) : (
          <Group gap={6} mt={4}>
            {themes.map(({ theme, answers }) => (
              <Button
                key={theme}
                size="compact-sm"
                variant={activeTheme === theme ? 'filled' : 'light'}
                aria-pressed={activeTheme === theme}
                title={t('voice.themes.filterBy', { theme })}
                onClick={() => onTheme(activeTheme === theme ? null : theme)}
              >
                {t('voice.themes.themeCount', { theme, count: answers })}
              </Button>
            ))}
          </Group>
        )}
      </div>
      <div>
        <Title order={headingOrder} size="h5">
          {t('voice.themes.suggestions')}
        </Title>
        <Text fz="xs" c="dimmed">
          {t('voice.themes.suggestionsHint')}
        </Text>
        {suggestions.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('voice.themes.noSuggestion')}
          </Text>
        ) : (
          <Group gap={6} mt={4}>
            {suggestions.map((suggestion) => (
              <Button
                key={suggestion.label}
                size="compact-sm"
                variant="default"
                aria-label={t('voice.themes.showSuggestion', { label: suggestion.label, count: suggestion.answers })}
                onClick={() => onSuggestion(suggestion.label)}
              >
                {t('voice.themes.suggestion', { label: suggestion.label, count: suggestion.answers })}
              </Button>
            ))}
          </Group>
        )}
      </div>
    </Stack>
  );
}
