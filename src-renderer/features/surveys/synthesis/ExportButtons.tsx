import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useDepartmentExport, useSurveyExport } from './api';

/** XLSX and CSV of this survey's responses, and a workbook of every survey of its department. */
export function ExportButtons({ surveyId, departmentId }: { surveyId: string; departmentId: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const survey = useSurveyExport();
  const department = useDepartmentExport();
  return (
    <>
      <Group gap="xs" role="group" aria-label={t('synthesis.exports.title')}>
        <Button
          variant="default"
          loading={survey.isPending && survey.variables.format === 'xlsx'}
          onClick={() => survey.mutate({ surveyId, format: 'xlsx', language })}
        >
          {t('synthesis.exports.xlsx')}
        </Button>
        <Button
          variant="default"
          loading={survey.isPending && survey.variables.format === 'csv'}
          onClick={() => survey.mutate({ surveyId, format: 'csv', language })}
        >
          {t('synthesis.exports.csv')}
        </Button>
        {departmentId !== null && (
          <Button variant="subtle" loading={department.isPending} onClick={() => department.mutate({ departmentId, language })}>
            {t('synthesis.exports.department')}
          </Button>
        )}
      </Group>
      {survey.error !== null && <ErrorAlert error={survey.error} />}
      {department.error !== null && <ErrorAlert error={department.error} />}
    </>
  );
}
