import { Fieldset, NativeSelect, Radio, Group, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { surveyAnonymitySchema } from '../../../../src-shared/schemas/surveys';
import { setAnonymity, setDepartment, setPurpose, setSurveyText } from '../draft';
import { useApplyEdit, useSurveyDraft } from '../store';
import { LocalizedTextFields } from './LocalizedTextFields';

/** What the survey is, for whom, and what respondents are told before answering. */
export function SurveySettings({ departments }: { departments: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const draft = useSurveyDraft();
  const apply = useApplyEdit();
  return (
    <Fieldset legend={t('surveys.settings')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('surveys.department')}
          value={draft.departmentId ?? ''}
          data={departments.map((department) => ({ value: department.id, label: department.name }))}
          onChange={(event) => apply(setDepartment(event.currentTarget.value))}
        />
        <LocalizedTextFields
          label={t('surveys.surveyTitle')}
          text={draft.model.title}
          onChange={(language, value) => apply(setSurveyText('title', language, value))}
          required
        />
        <LocalizedTextFields
          label={t('surveys.surveyDescription')}
          text={draft.model.description}
          onChange={(language, value) => apply(setSurveyText('description', language, value))}
          multiline
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          {(['fr', 'en'] as const).map((language) => (
            <Textarea
              key={language}
              label={`${t('surveys.purpose')} (${t(language === 'fr' ? 'surveys.french' : 'surveys.english')})`}
              description={language === 'fr' ? t('surveys.purposeHint') : t('surveys.englishHint')}
              autosize
              minRows={2}
              required={language === 'fr'}
              value={draft.purpose[language]}
              onChange={(event) => apply(setPurpose(language, event.currentTarget.value))}
            />
          ))}
        </SimpleGrid>
        <Radio.Group
          label={t('surveys.anonymity')}
          value={draft.anonymity}
          onChange={(value) => apply(setAnonymity(surveyAnonymitySchema.parse(value)))}
        >
          <Group gap="md" mt={4}>
            {surveyAnonymitySchema.options.map((option) => (
              <Radio key={option} value={option} label={t(`surveys.${option}`)} />
            ))}
          </Group>
        </Radio.Group>
      </Stack>
    </Fieldset>
  );
}
