import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CaseCreatedPage, CaseDetailPage, CaseListPage, NewCasePage } from '../../features/cases';
import { CitizenCardPage, EditCitizenPage, NewCitizenPage } from '../../features/citizens';
import { Permitted } from '../../features/session';
import { SyncInboxPage } from '../../features/sync';
import { DeskPage } from '../desk/DeskPage';
import { routeHref, type Route } from '../router';

/** One screen per route; `key` gives each case or citizen a fresh page (no state leaking between them). */
export function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'desk':
      return <DeskPage />;
    case 'cases':
      return <CaseListPage />;
    case 'newCase':
      return <NewCasePage key={route.citizenId ?? 'none'} citizenId={route.citizenId} />;
    case 'case':
      return <CaseDetailPage key={route.id} id={route.id} />;
    case 'caseCreated':
      return <CaseCreatedPage created={route} />;
    case 'newCitizen':
      return (
        <Permitted action="citizen.create" departmentId={null}>
          <NewCitizenPage />
        </Permitted>
      );
    case 'citizen':
      return <CitizenCardPage key={route.id} id={route.id} />;
    case 'editCitizen':
      return (
        <Permitted action="citizen.update" departmentId={null}>
          <EditCitizenPage key={route.id} id={route.id} />
        </Permitted>
      );
    case 'syncInbox':
      return <SyncInboxPage />;
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Button component="a" href={routeHref({ name: 'desk' })}>
        {t('nav.desk')}
      </Button>
    </Stack>
  );
}
