import { Alert, Anchor, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useCitizenCard } from '../api';
import { CitizenCaseHistory } from '../components/CitizenCaseHistory';
import { CitizenSummary } from '../components/CitizenSummary';

export function CitizenCardPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const card = useCitizenCard(id);
  if (card.isPending) return <Loader aria-label={t('common.loading')} />;
  if (card.isError) return <ErrorAlert error={card.error} />;
  const { citizen, cases } = card.data;
  return (
    <Stack gap="xl">
      {citizen.mergedInto !== null && (
        <Alert color="blue" title={t('citizen.mergedTitle')}>
          <Anchor href={routeHref({ name: 'citizen', id: citizen.mergedInto })}>{t('citizen.openMerged')}</Anchor>
        </Alert>
      )}
      <CitizenSummary citizen={citizen} />
      <CitizenCaseHistory cases={cases} />
    </Stack>
  );
}
