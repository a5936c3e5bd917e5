import { Alert, Divider, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { collectorKindSchema } from '../../../../src-shared/schemas/surveys';
import type { RouterOutputs } from '../../../app/trpc';
import { usePublicUrl } from '../api';
import { CollectorSection } from './CollectorSection';
import { QrBlock } from './QrBlock';

export type SurveyDetailView = RouterOutputs['survey']['detail'];

/** How an opened survey reaches citizens: its public link and QR code, then its collectors by kind. */
export function DiffusionPanel({ detail }: { detail: SurveyDetailView }) {
  const { t } = useTranslation();
  const publicUrl = usePublicUrl();
  const { survey } = detail;
  const base = publicUrl.data ?? null;
  return (
    <Stack gap="lg">
      {survey.status !== 'open' && <Alert variant="light">{t('surveys.diffusion.notOpen')}</Alert>}
      {publicUrl.isSuccess && base === null && <Alert variant="light">{t('surveys.diffusion.noPublicUrl')}</Alert>}
      {base !== null && (
        <section aria-label={t('surveys.diffusion.link')}>
          <QrBlock
            drawn={survey.status !== 'draft'}
            label={t('surveys.diffusion.link')}
            url={`${base}/s/${survey.id}`}
            qrBase={`${base}/s/${survey.id}`}
          />
        </section>
      )}
      <Divider />
      <Title order={2} size="h3">
        {t('surveys.collectors.title')}
      </Title>
      {collectorKindSchema.options.map((kind) => (
        <CollectorSection key={kind} kind={kind} detail={detail} publicUrl={base} />
      ))}
    </Stack>
  );
}
