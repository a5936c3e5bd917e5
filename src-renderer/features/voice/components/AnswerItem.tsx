import { ActionIcon, Autocomplete, Button, Group, Paper, Pill, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../format';
import type { OpenAnswersPage } from '../api';

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
  const [theme, setTheme] = useState('');
  const own = new Set(answer.tags.map((tag) => tag.theme));
  const add = () => {
    const chosen = theme.trim();
    if (chosen === '' || onTag === null) return;
    if (!own.has(chosen)) onTag(chosen);
    setTheme('');
  };
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
          <Group gap={6} role="list" aria-label={t('voice.themes.answerTags')}>
            {answer.tags.map((tag) => (
              <Pill key={tag.id} role="listitem" size="md">
                <Group gap={4} wrap="nowrap">
                  {tag.theme}
                  {onUntag !== null && (
                    <ActionIcon
                      variant="transparent"
                      size="xs"
                      color="dark"
                      disabled={busy}
                      aria-label={t('voice.themes.removeTag', { theme: tag.theme })}
                      onClick={() => onUntag(tag.id)}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              </Pill>
            ))}
          </Group>
        )}
        {onTag !== null && (
          <Group gap="xs" align="flex-end">
            <Autocomplete
              size="xs"
              label={t('voice.themes.addTag')}
              maxLength={80}
              data={themes.filter((candidate) => !own.has(candidate))}
              value={theme}
              onChange={setTheme}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.defaultPrevented) {
                  event.preventDefault();
                  add();
                }
              }}
            />
            <Button size="xs" variant="default" onClick={add} disabled={busy || theme.trim() === ''}>
              {t('voice.themes.addTagButton')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
