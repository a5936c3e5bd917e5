import { Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { citizenOptionLabel, useCitizenCard, type PickedCitizen } from '../../citizens';
import { NewCaseForm } from '../components/NewCaseForm';

interface Created {
  id: string;
  trackingCode: string;
}

export function NewCasePage({ citizenId }: { citizenId: string | null }) {
  const { t } = useTranslation();
  // The saved case gets its own page: the navigation's "Nouvelle demande" then opens a blank form again.
  const showCreated = (created: Created) => navigate({ name: 'caseCreated', ...created, citizenId });
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('newCase.title')}</Title>
      {citizenId === null ? (
        <NewCaseForm citizen={null} onCreated={showCreated} onCancel={() => navigate({ name: 'desk' })} />
      ) : (
        <NewCaseForCitizen citizenId={citizenId} onCreated={showCreated} />
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
