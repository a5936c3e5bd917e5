import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { optionKey, type ClosedQuestion } from '../closed-questions';
import type { SourceDraft } from '../indicator-draft';

export interface SourceFieldsProps {
  number: number;
  source: SourceDraft;
  surveys: readonly { id: string; title: string }[];
  /** The closed questions of the picked survey. */
  questions: readonly ClosedQuestion[];
  onChange: (source: SourceDraft) => void;
  onRemove?: () => void;
}

/** One closed question feeding an indicator: its survey, the question, and the answers counted as favourable. */
export function SourceFields({ number, source, surveys, questions, onChange, onRemove }: SourceFieldsProps) {
  const { t } = useTranslation();
  const question = questions.find((candidate) => candidate.name === source.question) ?? null;
  const legend = t('voice.indicatorEditor.source', { number });
  return (
    <Fieldset legend={legend}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('voice.indicatorEditor.survey')}
          required
          value={source.surveyId ?? ''}
          data={[{ value: '', label: '—' }, ...surveys.map((survey) => ({ value: survey.id, label: survey.title || survey.id }))]}
          onChange={(event) => onChange({ surveyId: event.currentTarget.value || null, question: null, favourable: [] })}
        />
        <NativeSelect
          label={t('voice.indicatorEditor.question')}
          required
          disabled={source.surveyId === null || questions.length === 0}
          description={source.surveyId !== null && questions.length === 0 ? t('voice.indicatorEditor.noClosedQuestion') : undefined}
          value={source.question ?? ''}
          data={[{ value: '', label: '—' }, ...questions.map((candidate) => ({ value: candidate.name, label: candidate.title }))]}
          onChange={(event) => onChange({ ...source, question: event.currentTarget.value || null, favourable: [] })}
        />
      </SimpleGrid>
      {question !== null && (
        <Checkbox.Group
          mt="sm"
          label={t('voice.indicatorEditor.favourable')}
          required
          error={source.favourable.length === 0 ? t('voice.indicatorEditor.favourableNeeded') : undefined}
          value={source.favourable}
          onChange={(favourable) => onChange({ ...source, favourable })}
        >
          <Group gap="md" mt={4}>
            {question.options.map((option) => (
              <Checkbox key={optionKey(option.value)} value={optionKey(option.value)} label={option.label} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      {onRemove && (
        <Group justify="flex-end" mt="sm">
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={onRemove}
            aria-label={`${t('voice.indicatorEditor.removeSource')} (${legend})`}
          >
            {t('voice.indicatorEditor.removeSource')}
          </Button>
        </Group>
      )}
      {source.surveyId === null && (
        <Text fz="xs" c="dimmed" mt="xs">
          {t('voice.indicatorEditor.sourcesHint')}
        </Text>
      )}
    </Fieldset>
  );
}
