import { Badge, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { textIn, withText, type Question } from '../../../../src-shared/surveys';
import { moveElement, removeElement, updateQuestion } from '../draft';
import { useApplyEdit } from '../store';
import { ElementControls } from './ElementControls';
import { KindOptions } from './KindOptions';
import { LocalizedTextFields } from './LocalizedTextFields';
import { QuestionNameField } from './QuestionNameField';
import { ShowIfEditor } from './ShowIfEditor';

/** One question: its texts, whether it is required, its options, when it shows. */
export function QuestionEditor({
  question,
  pageIndex,
  elementIndex,
  earlier,
}: {
  question: Question;
  pageIndex: number;
  elementIndex: number;
  earlier: Question[];
}) {
  const { t, i18n } = useTranslation();
  const apply = useApplyEdit();
  const update = (change: (current: Question) => Question) => apply(updateQuestion(pageIndex, elementIndex, change));
  const label = textIn(question.title, i18n.language === 'en' ? 'en' : 'fr') || question.name;
  const kept = Object.keys(question.extra);
  return (
    <Paper withBorder p="sm" component="section" aria-label={label}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Badge variant="light">{t(`surveys.kind.${question.kind}`)}</Badge>
          <ElementControls
            what={label}
            onMove={(delta) => apply(moveElement(pageIndex, elementIndex, delta))}
            onRemove={() => apply(removeElement(pageIndex, elementIndex))}
          />
        </Group>
        <LocalizedTextFields
          label={t('surveys.questionTitle')}
          text={question.title}
          required
          onChange={(language, value) => update((current) => ({ ...current, title: withText(current.title, language, value) }))}
        />
        <LocalizedTextFields
          label={t('surveys.questionDescription')}
          text={question.description}
          onChange={(language, value) => update((current) => ({ ...current, description: withText(current.description, language, value) }))}
        />
        <Group align="flex-end" gap="md">
          <QuestionNameField name={question.name} pageIndex={pageIndex} elementIndex={elementIndex} />
          <Checkbox
            label={t('surveys.required')}
            checked={question.required}
            onChange={(event) => {
              const required = event.currentTarget.checked;
              update((current) => ({ ...current, required }));
            }}
          />
        </Group>
        <KindOptions question={question} onChange={(next) => update(() => next)} />
        <ShowIfEditor showIf={question.showIf} earlier={earlier} onChange={(showIf) => update((current) => ({ ...current, showIf }))} />
        {kept.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('surveys.keptSettings', { keys: kept.join(', ') })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
