import { Alert, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublicHeader } from '../../../shared/PublicHeader';
import { SignInForm } from '../components/SignInForm';

/**
 * First screen of a workspace that syncs with a central service, whenever nobody is signed in; after a
 * session the central service ended (expired, revoked), it says so (the changes made meanwhile still wait).
 */
export function SignInPage({ centralUrl, sessionEnded = null }: { centralUrl: string | null; sessionEnded?: 'SESSION_EXPIRED' | null }) {
  const { t } = useTranslation();
  return (
    <>
      <PublicHeader />
      <main>
        <Container size={460} py="xl">
          <Stack gap="lg">
            <div>
              <Title order={1}>{t('session.signInTitle')}</Title>
              <Text>{t('session.signInHint')}</Text>
            </div>
            {sessionEnded !== null && (
              <Alert color="orange" variant="light" role="alert">
                {t(`errors.${sessionEnded}`)}
              </Alert>
            )}
            <Paper withBorder p="lg">
              <SignInForm />
            </Paper>
            {centralUrl !== null && (
              <Text size="sm" c="dimmed">
                {t('session.centralService', { url: centralUrl })}
              </Text>
            )}
          </Stack>
        </Container>
      </main>
    </>
  );
}
