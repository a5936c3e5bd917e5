import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeView } from '../api';
import { formatDay, localized } from '../format';

export interface OutcomeCardProps {
  outcome: OutcomeView;
  departmentName: string;
  onEdit?: () => void;
}

/** An outcome as listed: its status, dates, text and links. */
export function OutcomeCard({ outcome, departmentName, onEdit }: OutcomeCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const language = i18n.language;
  const title = localized(outcome.title, language);
  const published = outcome.status === 'published';
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id={headingId}>
              {title}
            </Title>
            <Group gap="xs" mt={4}>
              <Badge variant="dot" color={published ? 'green' : 'gray'} tt="none">
                {published ? t('voice.outcomes.published') : t('voice.outcomes.draft')}
              </Badge>
              <Text fz="sm">{departmentName}</Text>
              <Text fz="sm" c="dimmed">
                {published && outcome.publishedAt !== null
                  ? t('voice.outcomes.publishedOn', { date: formatDay(outcome.publishedAt, language) })
                  : t('voice.outcomes.updatedOn', { date: formatDay(outcome.updatedAt, language) })}
              </Text>
            </Group>
          </div>
          {onEdit && (
            <Button variant="default" size="xs" onClick={onEdit} aria-label={`${t('voice.outcomes.edit')} : ${title}`}>
              {t('voice.outcomes.edit')}
            </Button>
          )}
        </Group>
        <Text fz="sm" style={{ whiteSpace: 'pre-line' }}>
          {localized(outcome.body, language)}
        </Text>
        {outcome.surveys.length > 0 && (
          <Text fz="sm">
            {t('voice.outcomes.surveys')} : {outcome.surveys.map((survey) => survey.title ?? t('voice.outcomes.unknownSurvey')).join(', ')}
          </Text>
        )}
        {outcome.caseIds.length > 0 && (
          <Text fz="sm">
            {t('voice.outcomes.cases')} : {outcome.caseIds.length}
          </Text>
        )}
        {published && <OutcomeMails stats={outcome.mailStats} />}
      </Stack>
    </Paper>
  );
}

const mailCounts = ['recipients', 'sent', 'failed', 'optedOut', 'skipped'] as const;

/** How many participants the central service emailed about a published outcome, and why it waits, in words. */
function OutcomeMails({ stats }: { stats: OutcomeView['mailStats'] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const problemKey =
    stats?.problem === 'SMTP_NOT_CONFIGURED' ? 'voice.outcomes.mail.problems.SMTP_NOT_CONFIGURED' : 'voice.outcomes.mail.problems.unknown';
  return (
    <Stack gap={4} component="section" aria-labelledby={titleId}>
      <Text fz="sm" fw={600} id={titleId}>
        {t('voice.outcomes.mail.title')}
      </Text>
      {stats === null ? (
        <Text fz="sm" c="dimmed">
          {t('voice.outcomes.mail.waiting')}
        </Text>
      ) : stats.recipients === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('voice.outcomes.mail.none')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs">
          {mailCounts.map((key) => (
            <div key={key}>
              <Text size="xs" c="dimmed">
                {t(`voice.outcomes.mail.${key}`)}
              </Text>
              <Text fw={600}>{stats[key]}</Text>
            </div>
          ))}
        </SimpleGrid>
      )}
      {stats !== null && stats.problem !== null && (
        <Alert color="orange" variant="light" role="alert">
          {t(problemKey, { code: stats.problem })}
        </Alert>
      )}
    </Stack>
  );
}
