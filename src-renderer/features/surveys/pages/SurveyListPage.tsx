import { Anchor, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyDesignDepartments } from '../../../../src-shared/domain/permissions';
import { surveyEntryDepartments } from '../../../../src-shared/domain/survey-status';
import { routeHref } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatDate } from '../../../shared/format';
import { useDepartmentMap } from '../../../shared/reference-api';
import { useCurrentAgent } from '../../session';
import { useSurveyList } from '../api';
import { SurveyStatusBadge } from '../components/SurveyStatusBadge';
import { formatCount } from '../synthesis/format';

/** The surveys of the agent's departments: each one's status, period and answers so far (« < 5 » under 5, as the main core sends it). */
export function SurveyListPage() {
  const { t, i18n } = useTranslation();
  const agent = useCurrentAgent();
  const designs = useMemo(() => surveyDesignDepartments(agent).length > 0, [agent]);
  const enters = useMemo(() => surveyEntryDepartments(agent).length > 0, [agent]);
  const list = useSurveyList();
  const departments = useDepartmentMap(true);
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const period = (opensOn: string | null, closesOn: string | null) =>
    [
      opensOn === null ? null : t('surveys.list.from', { date: formatDate(opensOn, i18n.language) }),
      closesOn === null ? null : t('surveys.list.until', { date: formatDate(closesOn, i18n.language) }),
    ]
      .filter((part) => part !== null)
      .join(' ') || t('surveys.list.noDates');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('surveys.title')}</Title>
          <Text>{t('surveys.list.intro')}</Text>
        </div>
        <Group gap="sm">
          {enters && (
            <Button component="a" variant="default" href={routeHref({ name: 'surveyEntry', surveyId: null, citizenId: null })}>
              {t('surveys.list.enter')}
            </Button>
          )}
          {designs && (
            <Button component="a" href={routeHref({ name: 'newSurvey' })}>
              {t('surveys.list.new')}
            </Button>
          )}
        </Group>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data?.length === 0 && <Text c="dimmed">{t('surveys.list.empty')}</Text>}
      {list.data !== undefined && list.data.length > 0 && (
        <Table striped highlightOnHover aria-label={t('surveys.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.list.columns.title')}</Table.Th>
              <Table.Th>{t('surveys.list.columns.department')}</Table.Th>
              <Table.Th>{t('surveys.list.columns.status')}</Table.Th>
              <Table.Th>{t('surveys.list.columns.dates')}</Table.Th>
              <Table.Th ta="right">{t('surveys.list.columns.responses')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((survey) => (
              <Table.Tr key={survey.id}>
                <Table.Td>
                  <Anchor href={routeHref({ name: 'survey', id: survey.id })}>
                    {survey.title[language] || survey.title.fr || t('surveys.list.untitled')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{departments.get(survey.departmentId)?.name ?? ''}</Table.Td>
                <Table.Td>
                  <SurveyStatusBadge status={survey.status} />
                </Table.Td>
                <Table.Td>{period(survey.opensOn, survey.closesOn)}</Table.Td>
                <Table.Td ta="right">{formatCount(t, survey.responses, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
