import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchPanel } from '../search';
import { useCurrentAgent, useMayPerform } from '../session';
import { routeHref } from '../../app/router';

/**
 * The counter agent's home: find the citizen first, create one if none matches, open their request. Only
 * the agents who hold the citizen file are offered to create one (a field agent's replica has none).
 */
export function DeskPage() {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const mayCreateCitizen = useMayPerform('citizen.create', null);
  const [query, setQuery] = useState('');
  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1}>{t('desk.title')}</Title>
        <Text>{t(mayCreateCitizen ? 'desk.welcome' : 'desk.welcomeWithoutCitizens', { name: agent.name })}</Text>
      </div>
      <Group gap="sm">
        {mayCreateCitizen && (
          <Button component="a" href={routeHref({ name: 'newCitizen' })}>
            {t('desk.newCitizen')}
          </Button>
        )}
        <Button component="a" href={routeHref({ name: 'newCase', citizenId: null })} variant={mayCreateCitizen ? 'default' : 'filled'}>
          {t('desk.newCase')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <SearchPanel query={query} onQueryChange={setQuery} autoFocus />
      </Paper>
    </Stack>
  );
}
