import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../format';
import type { OpenAnswersPage } from '../api';
import { ThemeChips, ThemeField } from './ThemeTags';

export interface AnswerItemProps {
  answer: OpenAnswersPage['answers'][number];
  /** The themes in use on the question, offered as the agent types. */
  themes: readonly string[];
  /** Null: the agent reads, and does not tag. */
  onTag: ((theme: string) => void) | null;
  onUntag: ((tagId: string) => void) | null;
  busy: boolean;
}

/** One open answer, its themes (each removable) and a field to file it under one more. */
export function AnswerItem({ answer, themes, onTag, onUntag, busy }: AnswerItemProps) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={6}>
        <Text style={{ whiteSpace: 'pre-line' }}>{answer.text}</Text>
        <Text fz="xs" c="dimmed">
          {/* No channel where the small-segment rule hides it (the main core sends none). */}
          {answer.channel === null
            ? formatDay(answer.submittedAt, i18n.language)
            : t('voice.themes.answerOn', {
                date: formatDay(answer.submittedAt, i18n.language),
                channel: t(`voice.channel.${answer.channel}`, { defaultValue: answer.channel }),
              })}
        </Text>
        {answer.tags.length > 0 && (
          <ThemeChips
            tags={answer.tags}
            label={t('voice.themes.answerTags')}
            removeLabel={(theme) => t('voice.themes.removeTag', { theme })}
            onRemove={onUntag === null ? null : (tag) => onUntag(tag.id)}
            busy={busy}
          />
        )}
        {onTag !== null && (
          <ThemeField
            size="xs"
            label={t('voice.themes.addTag')}
            buttonLabel={t('voice.themes.addTagButton')}
            suggestions={themes}
            taken={answer.tags.map((tag) => tag.theme)}
            busy={busy}
            onAdd={onTag}
          />
        )}
      </Stack>
    </Paper>
  );
}
