import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../../app/router';
import { TrackingCodeDisplay } from '../components/TrackingCodeDisplay';

export interface CaseCreatedPageProps {
  created: { id: string; trackingCode: string; citizenId: string | null };
}

/** The case just saved: its tracking code to read out, then the case itself or another case for the same citizen. */
export function CaseCreatedPage({ created }: CaseCreatedPageProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={720}>
      <Stack gap="lg">
        <Text size="lg" role="status">
          {t('newCase.created')}
        </Text>
        <TrackingCodeDisplay code={created.trackingCode} />
        <Group>
          <Button component="a" href={routeHref({ name: 'case', id: created.id })}>
            {t('newCase.openCase')}
          </Button>
          <Button component="a" variant="default" href={routeHref({ name: 'newCase', citizenId: created.citizenId })}>
            {t('newCase.another')}
          </Button>
          <Anchor href={routeHref({ name: 'desk' })}>{t('nav.desk')}</Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
