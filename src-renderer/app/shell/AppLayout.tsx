import { Alert, AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { HeaderSearchField, SearchModal } from '../../features/search';
import { AgentMenu } from '../../features/session';
import { SyncStatusIndicator, useRefusalNotice, type SyncStatus } from '../../features/sync';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { useRoute } from '../router';
import { MainNav } from './MainNav';
import { RouteView } from './RouteView';

export function AppLayout({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const route = useRoute();
  const [navOpened, nav] = useDisclosure(false);
  useRefusalNotice(status.configured ? status.inbox : undefined);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={800} size="lg" c="blue.9">
              {t('app.name')}
            </Text>
          </Group>
          <HeaderSearchField />
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <SyncStatusIndicator status={status} />
            <LanguageSwitch />
            <AgentMenu signedIn={status.configured} pending={status.pending} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar aria-label={t('nav.label')}>
        <MainNav current={route} status={status} />
      </AppShell.Navbar>
      <AppShell.Main>
        {status.upgradeRequired && (
          <Alert color="orange" variant="light" mb="lg" title={t('sync.upgradeRequired')}>
            {t('sync.upgradeHint')}
          </Alert>
        )}
        <RouteView route={route} />
      </AppShell.Main>
      <SearchModal />
    </AppShell>
  );
}
