import { Button, Checkbox, Code, Group, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  conditionOperatorsFor,
  textIn,
  type ChoiceItem,
  type Condition,
  type ConditionOperator,
  type ConditionValue,
  type Question,
  type ShowIf,
} from '../../../../src-shared/surveys';

const choicesOf = (question: Question): ChoiceItem[] =>
  question.kind === 'singleChoice' || question.kind === 'multipleChoice' ? question.choices : [];

/** The value a condition starts with when its question or operator is chosen. */
function firstValue(target: Question, operator: ConditionOperator): ConditionValue {
  const first = choicesOf(target)[0]?.value ?? '';
  if (operator === 'anyOf') return [first];
  if (target.kind === 'yesNo') return true;
  if (target.kind === 'nps') return 9;
  if (target.kind === 'rating' || target.kind === 'number') return 1;
  return first;
}

function answerCondition(target: Question, operator: ConditionOperator, value: ConditionValue): Condition {
  return { kind: 'answer', question: target.name, operator, value, source: null };
}

/** "Show if" an earlier question's answer matches: the question, a comparison, a value. */
export function ShowIfEditor({
  showIf,
  earlier: asked,
  onChange,
}: {
  showIf: ShowIf;
  earlier: Question[];
  onChange: (showIf: ShowIf) => void;
}) {
  const { t, i18n } = useTranslation();
  const earlier = asked.filter((question) => conditionOperatorsFor(question.kind).length > 0);
  const language = i18n.language === 'en' ? 'en' : 'fr';
  if (showIf?.kind === 'expression') {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('surveys.showIf')}
        </Text>
        <Text size="sm">{t('surveys.rawCondition')}</Text>
        <Code block>{showIf.source}</Code>
        <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => onChange(null)}>
          {t('surveys.clearCondition')}
        </Button>
      </Stack>
    );
  }
  const target = showIf === null ? undefined : earlier.find((question) => question.name === showIf.question);
  const pick = (name: string) => {
    const chosen = earlier.find((question) => question.name === name);
    const operator = chosen ? (conditionOperatorsFor(chosen.kind)[0] as ConditionOperator) : null;
    onChange(chosen && operator ? answerCondition(chosen, operator, firstValue(chosen, operator)) : null);
  };
  return (
    <Stack gap={4}>
      <NativeSelect
        label={t('surveys.showIf')}
        value={showIf?.question ?? ''}
        onChange={(event) => pick(event.currentTarget.value)}
        data={[
          { value: '', label: t('surveys.always') },
          ...earlier.map((question) => ({ value: question.name, label: textIn(question.title, language) || question.name })),
          // A condition on a question the designer no longer finds before this one stays visible until changed.
          ...(showIf !== null && target === undefined ? [{ value: showIf.question, label: showIf.question }] : []),
        ]}
      />
      {earlier.length === 0 && showIf === null && (
        <Text size="xs" c="dimmed">
          {t('surveys.noEarlierQuestion')}
        </Text>
      )}
      {showIf !== null && target !== undefined && <ConditionFields condition={showIf} target={target} onChange={onChange} />}
    </Stack>
  );
}

function ConditionFields({ condition, target, onChange }: { condition: Condition; target: Question; onChange: (showIf: ShowIf) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const choices = choicesOf(target).map((item) => ({
    value: String(item.value),
    label: item.text ? textIn(item.text, language) : String(item.value),
  }));
  const valueOf = (raw: string): string | number => choicesOf(target).find((item) => String(item.value) === raw)?.value ?? raw;
  const set = (value: ConditionValue) => onChange(answerCondition(target, condition.operator, value));
  const value = condition.value;
  return (
    <Group gap="xs" align="flex-end">
      <NativeSelect
        label={t('surveys.operator')}
        value={condition.operator}
        data={conditionOperatorsFor(target.kind).map((operator) => ({ value: operator, label: t(`surveys.operators.${operator}`) }))}
        onChange={(event) => {
          const operator = event.currentTarget.value as ConditionOperator;
          onChange(answerCondition(target, operator, firstValue(target, operator)));
        }}
      />
      {condition.operator === 'anyOf' ? (
        <Checkbox.Group
          label={t('surveys.showIfValue')}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={(values) => set(values.map(valueOf))}
        >
          <Group gap="xs" mt={4}>
            {choices.map((choice) => (
              <Checkbox key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </Group>
        </Checkbox.Group>
      ) : target.kind === 'yesNo' ? (
        <NativeSelect
          label={t('surveys.showIfValue')}
          value={String(value)}
          data={[
            { value: 'true', label: t('surveys.yes') },
            { value: 'false', label: t('surveys.no') },
          ]}
          onChange={(event) => set(event.currentTarget.value === 'true')}
        />
      ) : choices.length > 0 ? (
        <NativeSelect
          label={t('surveys.showIfValue')}
          value={String(value)}
          data={choices}
          onChange={(event) => set(valueOf(event.currentTarget.value))}
        />
      ) : (
        <NumberInput
          label={t('surveys.showIfValue')}
          w={120}
          value={typeof value === 'number' ? value : 0}
          onChange={(next) => typeof next === 'number' && set(next)}
        />
      )}
    </Group>
  );
}
