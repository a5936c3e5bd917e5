import { Fieldset, NativeSelect, Radio, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { surveyAnonymitySchema } from '../../../../src-shared/schemas/surveys';
import { setAnonymity, setDates, setDepartment, setPurpose, setSurveyText } from '../draft';
import { useApplyEdit, useSurveyDraft } from '../store';
import { LocalizedTextFields } from './LocalizedTextFields';

/** What the survey is, for whom, and what respondents are told before answering. */
/**
 * `locked`: `definition` once the survey is open (its title, presentation and anonymity go with the
 * questions; purpose and dates stay editable), `all` once published or for a reader who does not design it.
 */
export function SurveySettings({
  departments,
  locked = 'none',
}: {
  departments: { id: string; name: string }[];
  locked?: 'none' | 'definition' | 'all';
}) {
  const { t } = useTranslation();
  const draft = useSurveyDraft();
  const apply = useApplyEdit();
  return (
    <Fieldset legend={t('surveys.settings')}>
      <Stack gap="sm">
        <Fieldset variant="unstyled" disabled={locked !== 'none'}>
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
          </Stack>
        </Fieldset>
        <Fieldset variant="unstyled" disabled={locked === 'all'}>
          <Stack gap="sm">
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
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
              {(['opensOn', 'closesOn'] as const).map((field) => (
                <TextInput
                  key={field}
                  type="date"
                  label={t(`surveys.${field}`)}
                  value={draft[field] ?? ''}
                  onChange={(event) => apply(setDates(field, event.currentTarget.value))}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Radio.Group
          label={t('surveys.anonymity')}
          description={draft.anonymity === 'identified' ? t('surveys.identifiedNoProfile') : undefined}
          readOnly={locked !== 'none'}
          value={draft.anonymity}
          onChange={(value) => apply(setAnonymity(surveyAnonymitySchema.parse(value)))}
        >
          <Group gap="md" mt={4}>
            {surveyAnonymitySchema.options.map((option) => (
              <Radio key={option} value={option} label={t(`surveys.${option}`)} disabled={locked !== 'none'} />
            ))}
          </Group>
        </Radio.Group>
      </Stack>
    </Fieldset>
  );
}
