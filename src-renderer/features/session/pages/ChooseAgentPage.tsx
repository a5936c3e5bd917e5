import { Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublicHeader } from '../../../shared/PublicHeader';
import { AgentPicker } from '../components/AgentPicker';

/** First screen of a workspace working alone (no central service) where nobody is at work yet. */
export function ChooseAgentPage() {
  const { t } = useTranslation();
  return (
    <>
      <PublicHeader />
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
