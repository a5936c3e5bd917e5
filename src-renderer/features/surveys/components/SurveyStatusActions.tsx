import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyTransitions } from '../../../../src-shared/domain/survey-status';
import type { SurveyStatus } from '../../../../src-shared/schemas/surveys';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { notifySuccess } from '../../../shared/notify';
import { useSetSurveyStatus } from '../api';
import { useStoredSurvey, useSurveyDesignerStore } from '../store';

type Action = 'open' | 'close' | 'reopen' | 'publish';

const actionOf = (from: SurveyStatus, to: SurveyStatus): Action =>
  to === 'open' ? (from === 'draft' ? 'open' : 'reopen') : to === 'closed' ? 'close' : 'publish';

/** Ouvrir, Clore, Rouvrir, Publier: the changes the survey's status allows, each confirmed first. */
export function SurveyStatusActions({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  const stored = useStoredSurvey();
  const saved = useSurveyDesignerStore((state) => state.saved);
  const setStatus = useSetSurveyStatus();
  const [asked, setAsked] = useState<SurveyStatus | null>(null);
  if (stored === null) return null;
  const confirm = () => {
    if (asked === null) return;
    const to = asked;
    setAsked(null);
    setStatus.mutate(
      { id: stored.id, from: stored.status, to },
      {
        onSuccess: (result) => {
          saved({ ...stored, status: result.status, version: result.version });
          notifySuccess(t, t('surveys.actions.done', { status: t(`surveys.status.${result.status}`) }));
        },
      },
    );
  };
  const targets = surveyTransitions[stored.status];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {targets.map((to) => (
          <Button
            key={to}
            variant={to === 'open' ? 'filled' : 'default'}
            disabled={dirty || setStatus.isPending}
            onClick={() => setAsked(to)}
          >
            {t(`surveys.actions.${actionOf(stored.status, to)}`)}
          </Button>
        ))}
      </Group>
      {dirty && targets.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('surveys.actions.saveFirst')}
        </Text>
      )}
      {setStatus.isError && <ErrorAlert error={setStatus.error} />}
      <Modal
        opened={asked !== null}
        onClose={() => setAsked(null)}
        title={t('surveys.actions.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text>{asked === null ? '' : t(`surveys.actions.confirm_${actionOf(stored.status, asked)}`)}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAsked(null)}>
              {t('surveys.actions.cancel')}
            </Button>
            <Button onClick={confirm}>{asked === null ? '' : t(`surveys.actions.${actionOf(stored.status, asked)}`)}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
