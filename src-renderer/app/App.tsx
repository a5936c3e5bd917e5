import { Center, Container, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ChooseAgentPage, CurrentAgentProvider, SignInPage, useCurrentAgentQuery, useSessionAgents } from '../features/session';
import { ReplicaDamagedNotice } from '../features/replica';
import { useSyncChanges, useSyncStatus } from '../features/sync';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useAppStateMarker } from './app-state';
import { InitialSyncPage } from './InitialSyncPage';
import { AppLayout } from './shell/AppLayout';
import { appStateOf, workspaceGate } from './workspace-gate';

const rootElement = () => document.getElementById('root');

/** Whatever the screen, a replica rebuilt after damage is said first. */
export function App() {
  return (
    <>
      <ReplicaDamagedNotice />
      <Screen />
    </>
  );
}

/** Who is at work decides what is shown: sign-in or the agent picker, the first sync, or the workspace. */
function Screen() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const current = useCurrentAgentQuery();
  useSyncChanges();
  const gate = workspaceGate({ status, current });
  const agents = useSessionAgents(gate.screen === 'pickAgent');
  useAppStateMarker(appStateOf(gate, agents.isPending), gate.screen, rootElement);

  // Signed in but the agent not known yet (signed in from another window): ask again.
  const refetchCurrent = current.refetch;
  const awaitingAgent = gate.screen === 'loading' && status.data?.signedIn === true && current.data === null;
  useEffect(() => {
    if (awaitingAgent) void refetchCurrent();
  }, [awaitingAgent, refetchCurrent]);

  switch (gate.screen) {
    case 'loading':
      return (
        <Center h="100vh">
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    case 'error':
      return (
        <Container size="sm" py="xl" component="main">
          <ErrorAlert error={gate.error} title={t('app.startError')} />
        </Container>
      );
    case 'signIn':
      return <SignInPage centralUrl={gate.centralUrl} sessionEnded={gate.sessionEnded} />;
    case 'pickAgent':
      return <ChooseAgentPage />;
    case 'initialSync':
      return <InitialSyncPage status={gate.status} />;
    case 'workspace':
      return (
        <CurrentAgentProvider agent={gate.agent}>
          <AppLayout status={gate.status} />
        </CurrentAgentProvider>
      );
  }
}
