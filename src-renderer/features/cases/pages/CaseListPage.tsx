import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../../app/router';
import { useCurrentAgent } from '../../session';
import { useCaseListTotal } from '../api';
import { CaseFilters } from '../components/CaseFilters';
import { CaseGrid } from '../components/CaseGrid';
import { useCaseListView } from '../store';

export function CaseListPage() {
  const { t, i18n } = useTranslation();
  const agent = useCurrentAgent();
  const view = useCaseListView(agent.id);
  const total = useCaseListTotal(view);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('cases.title')}</Title>
          <Text aria-live="polite" fw={700}>
            {total === undefined ? t('common.loading') : t('cases.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
          </Text>
        </div>
        <Button component="a" href={routeHref({ name: 'newCase', citizenId: null })}>
          {t('desk.newCase')}
        </Button>
      </Group>
      <CaseFilters />
      {/* A new filter or sort starts a fresh grid, scrolled to the top. */}
      <CaseGrid key={JSON.stringify(view)} view={view} />
    </Stack>
  );
}
