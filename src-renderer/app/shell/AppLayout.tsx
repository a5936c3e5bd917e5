import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { HeaderSearchField, SearchModal } from '../../features/search';
import { AgentMenu } from '../../features/session';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { useRoute } from '../router';
import { MainNav } from './MainNav';
import { RouteView } from './RouteView';

export function AppLayout() {
  const { t } = useTranslation();
  const route = useRoute();
  const [navOpened, nav] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={800} size="lg" c="blue.9">
              {t('app.name')}
            </Text>
          </Group>
          <HeaderSearchField />
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <AgentMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar aria-label={t('nav.label')}>
        <MainNav current={route} />
      </AppShell.Navbar>
      <AppShell.Main>
        <RouteView route={route} />
      </AppShell.Main>
      <SearchModal />
    </AppShell>
  );
}
