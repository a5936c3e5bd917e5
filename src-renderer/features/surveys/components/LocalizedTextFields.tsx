import { SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { writtenIn, type LocalizedText, type SurveyLanguage } from '../../../../src-shared/surveys';

const languages: SurveyLanguage[] = ['fr', 'en'];

/** A text in French and English side by side; `label` names the text, each field its language. */
export function LocalizedTextFields({
  label,
  text,
  onChange,
  multiline = false,
  required = false,
}: {
  label: string;
  text: LocalizedText;
  onChange: (language: SurveyLanguage, value: string) => void;
  multiline?: boolean;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
      {languages.map((language) => {
        const props = {
          label: `${label} (${t(language === 'fr' ? 'surveys.french' : 'surveys.english')})`,
          value: writtenIn(text, language),
          onChange: (event: { currentTarget: { value: string } }) => onChange(language, event.currentTarget.value),
          required: required && language === 'fr',
          description: language === 'en' ? t('surveys.englishHint') : undefined,
        };
        return multiline ? <Textarea key={language} autosize minRows={2} {...props} /> : <TextInput key={language} {...props} />;
      })}
    </SimpleGrid>
  );
}
