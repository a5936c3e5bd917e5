import { Alert, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicHeader } from '../../../shared/PublicHeader';
import { useDemoAccounts } from '../api';
import { DemoAccounts } from '../components/DemoAccounts';
import { SignInForm } from '../components/SignInForm';

type Picked = { email: string; password: string };

/**
 * First screen of a workspace that syncs with a central service, whenever nobody is signed in; after a
 * session the central service ended (expired, revoked), it says so (the changes made meanwhile still wait).
 * A demo central service names its demo accounts under the form.
 */
export function SignInPage({ centralUrl, sessionEnded = null }: { centralUrl: string | null; sessionEnded?: 'SESSION_EXPIRED' | null }) {
  const { t } = useTranslation();
  const demo = useDemoAccounts();
  const [picked, setPicked] = useState<Picked | undefined>(undefined);
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
              {/* A picked demo account fills a fresh form. */}
              <SignInForm key={picked?.email ?? ''} {...(picked === undefined ? {} : { initial: picked })} />
            </Paper>
            {demo.data != null && demo.data.accounts.length > 0 && <DemoAccounts demo={demo.data} onPick={setPicked} />}
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
