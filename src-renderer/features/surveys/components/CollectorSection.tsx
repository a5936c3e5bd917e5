import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { collectorStatusesByKind } from '../../../../src-shared/domain/survey-status';
import type { CollectorKind, CollectorStatus, SurveyCollector } from '../../../../src-shared/schemas/surveys';
import type { ShownCount } from '../../../../src-shared/surveys/synthesis';
import { formatCount } from '../synthesis/format';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useSaveCollector } from '../api';
import { CollectorForm } from './CollectorForm';
import type { SurveyDetailView } from './DiffusionPanel';
import { MeetingQuickEntry } from './MeetingQuickEntry';
import { QrBlock } from './QrBlock';

/** The collectors of one kind: each with its address, QR code, status and counts, then a form to add one. */
export function CollectorSection({ kind, detail, publicUrl }: { kind: CollectorKind; detail: SurveyDetailView; publicUrl: string | null }) {
  const { t } = useTranslation();
  const { survey, mayDesign } = detail;
  const collectors = detail.collectors.filter((collector) => collector.settings.kind === kind);
  return (
    <section aria-label={t(`surveys.collectors.kinds.${kind}`)}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t(`surveys.collectors.kinds.${kind}`)}
        </Title>
        {kind === 'kiosk' && <Text size="sm">{t('surveys.collectors.kioskHint')}</Text>}
        {kind === 'meeting' && <Text size="sm">{t('surveys.collectors.meetingHint')}</Text>}
        {kind === 'afterCase' && <Text size="sm">{t('surveys.collectors.afterCaseHint')}</Text>}
        {collectors.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('surveys.collectors.none')}
          </Text>
        )}
        {collectors.map((collector) => (
          <CollectorCard key={collector.id} collector={collector} detail={detail} publicUrl={publicUrl} />
        ))}
        {mayDesign && survey.status !== 'published' && (
          <Card withBorder>
            <CollectorForm kind={kind} surveyId={survey.id} departmentId={survey.departmentId} collector={null} />
          </Card>
        )}
      </Stack>
    </section>
  );
}

const statusAction: Partial<Record<CollectorStatus, string>> = { sending: 'launch', paused: 'pause', active: 'resume', done: 'finish' };

function CollectorCard({
  collector,
  detail,
  publicUrl,
}: {
  collector: SurveyDetailView['collectors'][number];
  detail: SurveyDetailView;
  publicUrl: string | null;
}) {
  const { t } = useTranslation();
  const save = useSaveCollector();
  const { survey, mayDesign, mayEnter } = detail;
  const { kind } = collector.settings;
  const setStatus = (status: CollectorStatus) =>
    save.mutate({ id: collector.id, surveyId: collector.surveyId, label: collector.label, settings: collector.settings, status });
  const offered = collectorStatusesByKind[kind].filter((status) => status !== collector.status && status !== 'draft');
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{collector.label}</Text>
          <Badge variant="dot" tt="none">
            {t(`surveys.collectors.statuses.${collector.status}`)}
          </Badge>
        </Group>
        {publicUrl !== null && kind === 'kiosk' && (
          <QrBlock
            drawn={survey.status !== 'draft'}
            label={t('surveys.collectors.kioskLink')}
            url={`${publicUrl}/k/${collector.id}`}
            qrBase={`${publicUrl}/k/${collector.id}`}
          />
        )}
        {publicUrl !== null && kind === 'meeting' && (
          <QrBlock
            drawn={survey.status !== 'draft'}
            label={collector.label}
            url={`${publicUrl}/s/${survey.id}?c=${collector.id}`}
            qrBase={`${publicUrl}/s/${survey.id}`}
            qrQuery={`?c=${collector.id}`}
          />
        )}
        {kind === 'email' && <CampaignProgress collector={collector} responded={collector.responded} />}
        {mayDesign && survey.status !== 'published' && (
          <Group gap="xs">
            {offered.map((status) => (
              <Button
                key={status}
                size="xs"
                variant={status === 'sending' ? 'filled' : 'default'}
                onClick={() => setStatus(status)}
                loading={save.isPending}
              >
                {t(`surveys.collectors.${statusAction[status] ?? 'save'}`)}
              </Button>
            ))}
          </Group>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {mayDesign && survey.status !== 'published' && (kind === 'email' ? collector.status !== 'sending' : true) && (
          <CollectorForm kind={kind} surveyId={survey.id} departmentId={survey.departmentId} collector={collector} />
        )}
        {kind === 'meeting' && mayEnter && survey.status === 'open' && <MeetingQuickEntry survey={survey} collectorId={collector.id} />}
      </Stack>
    </Card>
  );
}

/** A campaign's counts as the central service reports them, and why it stopped, in words. */
function CampaignProgress({ collector, responded }: { collector: SurveyCollector; responded: ShownCount }) {
  const { t, i18n } = useTranslation();
  const { stats } = collector;
  const done = stats.recipients === 0 ? 0 : Math.round(((stats.sent + stats.failed) / stats.recipients) * 100);
  const problemKey =
    stats.problem === 'SMTP_NOT_CONFIGURED' ? 'surveys.collectors.problems.SMTP_NOT_CONFIGURED' : 'surveys.collectors.problems.unknown';
  return (
    <Stack gap="xs">
      <Progress value={done} aria-label={t('surveys.collectors.progress')} />
      <SimpleGrid cols={4} spacing="xs">
        {(['recipients', 'sent', 'failed', 'responded'] as const).map((key) => (
          <div key={key}>
            <Text size="xs" c="dimmed">
              {t(`surveys.collectors.stats.${key}`)}
            </Text>
            {/* Who answered is a segment of respondents: the main core applies the synthesis's decision (« < 5 »). */}
            <Text fw={600}>{key === 'responded' ? formatCount(t, responded, i18n.language) : stats[key]}</Text>
          </div>
        ))}
      </SimpleGrid>
      {stats.problem !== null && (
        <Alert color="orange" variant="light" role="alert">
          {t(problemKey, { code: stats.problem })}
        </Alert>
      )}
    </Stack>
  );
}
