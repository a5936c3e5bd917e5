import { Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useCaseThemes, useTagCase, useUntagCase } from '../api';
import { ThemeChips, ThemeField, type ThemeTag } from './ThemeTags';

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
  const busy = tag.isPending || untag.isPending;

  if (view.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (view.isError) return <ErrorAlert error={view.error} />;
  const { themes, suggestions, editable } = view.data;

  const add = (theme: string) => {
    untag.reset();
    tag.mutate({ caseId, theme });
  };
  const remove = (removed: ThemeTag) => {
    tag.reset();
    untag.mutate({ caseId, theme: removed.theme });
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
          <ThemeChips
            tags={themes}
            label={t('voice.caseThemes.list')}
            removeLabel={(theme) => t('voice.caseThemes.remove', { theme })}
            onRemove={editable ? remove : null}
            busy={busy}
          />
        )}
        {editable && (
          <ThemeField
            size="sm"
            label={t('voice.caseThemes.add')}
            description={t('voice.caseThemes.addHint')}
            buttonLabel={t('voice.caseThemes.addButton')}
            suggestions={suggestions}
            taken={themes.map((existing) => existing.theme)}
            busy={busy}
            onAdd={add}
          />
        )}
        {(tag.error ?? untag.error) !== null && <ErrorAlert error={tag.error ?? untag.error} />}
      </Stack>
    </Paper>
  );
}
