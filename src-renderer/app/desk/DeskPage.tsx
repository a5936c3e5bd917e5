import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchPanel } from '../../features/search';
import { useCurrentAgent } from '../../features/session';
import { routeHref } from '../router';

/** The counter agent's home: find the citizen first, create one if none matches, open their request. */
export function DeskPage() {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const [query, setQuery] = useState('');
  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1}>{t('desk.title')}</Title>
        <Text>{t('desk.welcome', { name: agent.name })}</Text>
      </div>
      <Group gap="sm">
        <Button component="a" href={routeHref({ name: 'newCitizen' })}>
          {t('desk.newCitizen')}
        </Button>
        <Button component="a" href={routeHref({ name: 'newCase', citizenId: null })} variant="default">
          {t('desk.newCase')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <SearchPanel query={query} onQueryChange={setQuery} autoFocus />
      </Paper>
    </Stack>
  );
}
