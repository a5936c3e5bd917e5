import { Anchor, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyTitleOf } from '../../../../src-shared/surveys/survey-title';
import { routeHref } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useSurveyDetail } from '../api';
import { DiffusionPanel } from '../components/DiffusionPanel';
import { SurveyStatusBadge } from '../components/SurveyStatusBadge';
import { SurveyDesignerPage } from './SurveyDesignerPage';

/** The synthesis is its own chunk (charts): loaded when its tab opens. */
const SurveySynthesis = lazy(() => import('../synthesis/SurveySynthesis').then((module) => ({ default: module.SurveySynthesis })));

type Tab = 'design' | 'diffusion' | 'synthesis';

/** One stored survey: its design, how it is spread (links, QR codes, collectors) and its summary. */
export function SurveyPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const detail = useSurveyDetail(id);
  const [tab, setTab] = useState<Tab>('design');
  if (detail.isPending) return <Loader aria-label={t('common.loading')} />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const { survey, mayDesign, responses } = detail.data;
  const title = surveyTitleOf(survey.definition, i18n.language) || t('surveys.list.untitled');
  return (
    <Stack gap="md">
      <Anchor href={routeHref({ name: 'surveys' })} size="sm">
        {t('surveys.backToList')}
      </Anchor>
      <Group gap="sm">
        <Title order={1}>{title}</Title>
        <SurveyStatusBadge status={survey.status} />
        {/* The main core sends null under 5 responses (the small-segment rule): « < 5 », as the synthesis says. */}
        <Text c="dimmed" fz="sm">
          {responses === null ? t('surveys.responsesHidden') : t('synthesis.responses', { count: responses })}
        </Text>
      </Group>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'design')} keepMounted={false}>
        <Tabs.List aria-label={t('surveys.tabs.label')}>
          <Tabs.Tab value="design">{t('surveys.tabs.design')}</Tabs.Tab>
          <Tabs.Tab value="diffusion">{t('surveys.tabs.diffusion')}</Tabs.Tab>
          <Tabs.Tab value="synthesis">{t('surveys.tabs.synthesis')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="design" pt="md">
          <SurveyDesignerPage survey={survey} mayDesign={mayDesign} />
        </Tabs.Panel>
        <Tabs.Panel value="diffusion" pt="md">
          <DiffusionPanel detail={detail.data} />
        </Tabs.Panel>
        <Tabs.Panel value="synthesis" pt="md">
          <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}>
            <SurveySynthesis surveyId={survey.id} anonymity={survey.anonymity} />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
