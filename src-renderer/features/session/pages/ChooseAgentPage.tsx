import { Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../shared/LanguageSwitch';
import { AgentPicker } from '../components/AgentPicker';

/** First screen of a workspace where nobody is at work yet (real sign-in comes with sync). */
export function ChooseAgentPage() {
  const { t } = useTranslation();
  return (
    <>
      <header>
        <Group justify="space-between" px="md" py="sm" bg="gray.0">
          <Text fw={700} size="lg">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
      </header>
      <main>
        <Container size="lg" py="lg">
          <Stack gap="lg">
            <div>
              <Title order={1}>{t('session.chooseTitle')}</Title>
              <Text>{t('session.chooseHint')}</Text>
            </div>
            <AgentPicker withDepartmentNames />
          </Stack>
        </Container>
      </main>
    </>
  );
}
