import { Center, Container, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChooseAgentPage, CurrentAgentProvider, useCurrentAgentQuery, useSessionAgents } from '../features/session';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useAppStateMarker, type AppState } from './app-state';
import { AppLayout } from './shell/AppLayout';

const rootElement = () => document.getElementById('root');

/** Who is at work decides what is shown: the agent picker, or the workspace as that agent. */
export function App() {
  const { t } = useTranslation();
  const current = useCurrentAgentQuery();
  const needsPicker = current.isSuccess && current.data === null;
  const agents = useSessionAgents(needsPicker);
  const state: AppState = current.isError
    ? 'error'
    : current.isPending || (needsPicker && agents.isPending)
      ? 'loading'
      : 'ready';
  useAppStateMarker(state, rootElement);

  if (current.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (current.isError) {
    return (
      <Container size="sm" py="xl" component="main">
        <ErrorAlert error={current.error} title={t('app.startError')} />
      </Container>
    );
  }
  if (current.data === null) return <ChooseAgentPage />;
  return (
    <CurrentAgentProvider agent={current.data}>
      <AppLayout />
    </CurrentAgentProvider>
  );
}
