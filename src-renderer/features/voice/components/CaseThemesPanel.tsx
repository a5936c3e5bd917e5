import { ActionIcon, Autocomplete, Button, Group, Loader, Paper, Pill, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { themeKey } from '../../../../src-shared/surveys/case-tags';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useCaseThemes, useTagCase, useUntagCase } from '../api';

/**
 * "Thèmes" of a feedback case: its themes (× takes one off) and a field to add one, the department's themes
 * (of feedback and open answers) offered as the agent types, so one theme keeps one name. Editing is
 * offered to the agents who may reply to the case (the main core says so with the themes).
 */
export function CaseThemesPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const view = useCaseThemes(caseId);
  const tag = useTagCase();
  const untag = useUntagCase();
  const [theme, setTheme] = useState('');
  const busy = tag.isPending || untag.isPending;

  if (view.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (view.isError) return <ErrorAlert error={view.error} />;
  const { themes, suggestions, editable } = view.data;
  const own = new Set(themes.map((existing) => themeKey(existing.theme)));

  const add = () => {
    const chosen = theme.trim();
    if (chosen === '' || busy) return;
    untag.reset();
    // A theme already on the case (in any spelling) is not sent again.
    if (!own.has(themeKey(chosen))) tag.mutate({ caseId, theme: chosen });
    setTheme('');
  };
  const remove = (removed: string) => {
    tag.reset();
    untag.mutate({ caseId, theme: removed });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={headingId}>
            {t('voice.caseThemes.title')}
          </Title>
          <Text fz="xs" c="dimmed">
            {t('voice.caseThemes.hint')}
          </Text>
        </div>
        {themes.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('voice.caseThemes.none')}
          </Text>
        ) : (
          <Group gap={6} role="list" aria-label={t('voice.caseThemes.list')}>
            {themes.map((existing) => (
              <Pill key={existing.id} role="listitem" size="md">
                <Group gap={4} wrap="nowrap">
                  {existing.theme}
                  {editable && (
                    <ActionIcon
                      variant="transparent"
                      size="xs"
                      color="dark"
                      disabled={busy}
                      aria-label={t('voice.caseThemes.remove', { theme: existing.theme })}
                      onClick={() => remove(existing.theme)}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              </Pill>
            ))}
          </Group>
        )}
        {editable && (
          <Group gap="xs" align="flex-end">
            <Autocomplete
              size="sm"
              label={t('voice.caseThemes.add')}
              description={t('voice.caseThemes.addHint')}
              maxLength={80}
              data={suggestions}
              value={theme}
              onChange={setTheme}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.defaultPrevented) {
                  event.preventDefault();
                  add();
                }
              }}
            />
            <Button variant="default" onClick={add} disabled={busy || theme.trim() === ''}>
              {t('voice.caseThemes.addButton')}
            </Button>
          </Group>
        )}
        {(tag.error ?? untag.error) !== null && <ErrorAlert error={tag.error ?? untag.error} />}
      </Stack>
    </Paper>
  );
}
