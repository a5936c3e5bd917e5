import { Loader, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../shared/notify';
import type { Citizen } from '../../../../src-shared/schemas/entities';
import { navigate } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { fullName } from '../../../shared/format';
import { useCitizenCard } from '../api';
import { CitizenForm } from '../components/CitizenForm';
import { emptyCitizenValues, fromCitizen } from '../form-values';

export function NewCitizenPage() {
  const { t } = useTranslation();
  const onSaved = (citizen: Citizen) => {
    notifySuccess(t, t('citizen.created', { name: fullName(citizen) }));
    navigate({ name: 'citizen', id: citizen.id });
  };
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('citizen.newTitle')}</Title>
      <CitizenForm
        mode={{ kind: 'create' }}
        initialValues={emptyCitizenValues()}
        onSaved={onSaved}
        onCancel={() => navigate({ name: 'desk' })}
      />
    </Stack>
  );
}

export function EditCitizenPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const card = useCitizenCard(id);
  if (card.isPending) return <Loader aria-label={t('common.loading')} />;
  if (card.isError) return <ErrorAlert error={card.error} />;
  return <EditCitizen loaded={card.data.citizen} reload={async () => (await card.refetch()).data?.citizen} />;
}

/**
 * The form edits the version loaded when the page opened; a background refetch never replaces what the
 * agent is typing. Only "reload" (offered after a version conflict) starts again from the current record.
 */
function EditCitizen({ loaded, reload }: { loaded: Citizen; reload: () => Promise<Citizen | undefined> }) {
  const { t } = useTranslation();
  const [base, setBase] = useState(loaded);
  const onSaved = (saved: Citizen) => {
    notifySuccess(t, t('citizen.saved', { name: fullName(saved) }));
    navigate({ name: 'citizen', id: saved.id });
  };
  const onReload = () => {
    void reload().then((fresh) => {
      if (fresh !== undefined) setBase(fresh);
    });
  };
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('citizen.editTitleFor', { name: fullName(base) })}</Title>
      <CitizenForm
        key={`${base.id}:${base.version}`}
        mode={{ kind: 'edit', id: base.id, version: base.version }}
        initialValues={fromCitizen(base)}
        onSaved={onSaved}
        onCancel={() => navigate({ name: 'citizen', id: base.id })}
        onReload={onReload}
      />
    </Stack>
  );
}
