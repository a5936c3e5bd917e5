import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errors';

/** Any failure, in the agent's language, announced to screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t('common.errorTitle')}>
      {errorMessage(t, error)}
    </Alert>
  );
}
