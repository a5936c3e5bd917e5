import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublicHeader } from '../../../shared/PublicHeader';
import { SignInForm } from '../components/SignInForm';

/** First screen of a workspace that syncs with a central service, whenever nobody is signed in. */
export function SignInPage({ centralUrl }: { centralUrl: string | null }) {
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
