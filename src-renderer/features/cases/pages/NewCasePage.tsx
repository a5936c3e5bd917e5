import { Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, routeHref } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { citizenOptionLabel, useCitizenCard, type PickedCitizen } from '../../citizens';
import { NewCaseForm } from '../components/NewCaseForm';
import { TrackingCodeDisplay } from '../components/TrackingCodeDisplay';

interface Created {
  id: string;
  trackingCode: string;
}

export function NewCasePage({ citizenId }: { citizenId: string | null }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<Created | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (created !== null) {
    return (
      <CaseCreated
        created={created}
        onAnother={() => {
          setCreated(null);
          setFormKey((key) => key + 1);
        }}
      />
    );
  }
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('newCase.title')}</Title>
      {citizenId === null ? (
        <NewCaseForm key={formKey} citizen={null} onCreated={setCreated} onCancel={() => navigate({ name: 'desk' })} />
      ) : (
        <NewCaseForCitizen key={formKey} citizenId={citizenId} onCreated={setCreated} />
      )}
    </Stack>
  );
}

/** Opened from a citizen card: the citizen is prefilled (and can still be changed). */
function NewCaseForCitizen({ citizenId, onCreated }: { citizenId: string; onCreated: (created: Created) => void }) {
  const { t, i18n } = useTranslation();
  const card = useCitizenCard(citizenId);
  if (card.isPending) return <Loader aria-label={t('common.loading')} />;
  if (card.isError) return <ErrorAlert error={card.error} />;
  const citizen: PickedCitizen = {
    id: card.data.citizen.id,
    label: citizenOptionLabel(card.data.citizen, i18n.language),
  };
  return <NewCaseForm citizen={citizen} onCreated={onCreated} onCancel={() => navigate({ name: 'citizen', id: citizenId })} />;
}

function CaseCreated({ created, onAnother }: { created: Created; onAnother: () => void }) {
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
          <Button variant="default" onClick={onAnother}>
            {t('newCase.another')}
          </Button>
          <Anchor href={routeHref({ name: 'desk' })}>{t('nav.desk')}</Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
