import { Checkbox, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { withText, type Question } from '../../../../src-shared/surveys';
import { ItemListEditor } from './ItemListEditor';
import { LocalizedTextFields } from './LocalizedTextFields';

/** A segmented choice under its label (SegmentedControl has none of its own). */
function LabelledChoice(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  data: { value: string; label: string }[];
}) {
  const { label, ...control } = props;
  return (
    <div>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <SegmentedControl {...control} />
    </div>
  );
}

/** The options of one kind of question: choices, "other", symbols and scale, matrix rows and columns. */
export function KindOptions({ question, onChange }: { question: Question; onChange: (question: Question) => void }) {
  const { t } = useTranslation();
  switch (question.kind) {
    case 'singleChoice':
      return (
        <Stack gap="xs">
          <LabelledChoice
            label={t('surveys.display')}
            value={question.display}
            onChange={(value) => onChange({ ...question, display: value === 'dropdown' ? 'dropdown' : 'radio' })}
            data={[
              { value: 'radio', label: t('surveys.radio') },
              { value: 'dropdown', label: t('surveys.dropdown') },
            ]}
          />
          <ItemListEditor
            label={t('surveys.choices')}
            items={question.choices}
            onChange={(choices) => onChange({ ...question, choices })}
          />
        </Stack>
      );
    case 'multipleChoice':
      return (
        <Stack gap="xs">
          <ItemListEditor
            label={t('surveys.choices')}
            items={question.choices}
            onChange={(choices) => onChange({ ...question, choices })}
          />
          <Checkbox
            label={t('surveys.allowOther')}
            checked={question.allowOther}
            onChange={(event) => onChange({ ...question, allowOther: event.currentTarget.checked })}
          />
          {question.allowOther && (
            <LocalizedTextFields
              label={t('surveys.otherText')}
              text={question.otherText}
              onChange={(language, value) => onChange({ ...question, otherText: withText(question.otherText, language, value) })}
            />
          )}
        </Stack>
      );
    case 'rating':
      return (
        <Stack gap="xs">
          <LabelledChoice
            label={t('surveys.style')}
            value={question.style}
            onChange={(value) => onChange({ ...question, style: value === 'faces' ? 'faces' : 'stars' })}
            data={[
              { value: 'stars', label: t('surveys.stars') },
              { value: 'faces', label: t('surveys.faces') },
            ]}
          />
          <NumberInput
            label={t('surveys.scale')}
            min={2}
            max={10}
            w={160}
            value={question.scale}
            onChange={(value) =>
              typeof value === 'number' && value >= 2 && value <= 10 && onChange({ ...question, scale: Math.round(value) })
            }
          />
        </Stack>
      );
    case 'matrix':
      return (
        <Stack gap="xs">
          <ItemListEditor label={t('surveys.rows')} items={question.rows} onChange={(rows) => onChange({ ...question, rows })} />
          <ItemListEditor
            label={t('surveys.columns')}
            items={question.columns}
            onChange={(columns) => onChange({ ...question, columns })}
          />
        </Stack>
      );
    default:
      return null;
  }
}
