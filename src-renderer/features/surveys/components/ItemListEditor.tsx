import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { textOf, withText, writtenIn, type ChoiceItem, type SurveyLanguage } from '../../../../src-shared/surveys';

/** A list of choices (or matrix rows, columns): each value and its French and English texts. */
export function ItemListEditor({
  label,
  items,
  onChange,
}: {
  label: string;
  items: ChoiceItem[];
  onChange: (items: ChoiceItem[]) => void;
}) {
  const { t } = useTranslation();
  const update = (index: number, item: ChoiceItem) => onChange(items.map((current, at) => (at === index ? item : current)));
  const setText = (index: number, item: ChoiceItem, language: SurveyLanguage, value: string) => {
    const base = item.text ?? textOf(String(item.value));
    update(index, { ...item, text: withText(base, language, value) });
  };
  const freeValue = () => {
    const taken = new Set(items.map((item) => String(item.value)));
    let number = items.length + 1;
    while (taken.has(`item${number}`)) number++;
    return `item${number}`;
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {items.map((item, index) => (
        <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            aria-label={`${label} ${index + 1}, ${t('surveys.value')}`}
            w={110}
            value={String(item.value)}
            onChange={(event) =>
              update(index, {
                ...item,
                value:
                  typeof item.value === 'number' && /^-?\d+$/.test(event.currentTarget.value)
                    ? Number(event.currentTarget.value)
                    : event.currentTarget.value,
              })
            }
          />
          {(['fr', 'en'] as const).map((language) => (
            <TextInput
              key={language}
              flex={1}
              aria-label={`${label} ${index + 1}, ${t(language === 'fr' ? 'surveys.french' : 'surveys.english')}`}
              placeholder={language === 'fr' ? t('surveys.french') : t('surveys.english')}
              value={item.text === null ? (language === 'fr' ? String(item.value) : '') : writtenIn(item.text, language)}
              onChange={(event) => setText(index, item, language, event.currentTarget.value)}
            />
          ))}
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`${t('surveys.remove')} ${index + 1}`}
            onClick={() => onChange(items.filter((_, at) => at !== index))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="compact-sm"
        w="fit-content"
        onClick={() => onChange([...items, { value: freeValue(), text: textOf(''), extra: {} }])}
      >
        {t('surveys.addChoice')}
      </Button>
    </Stack>
  );
}
