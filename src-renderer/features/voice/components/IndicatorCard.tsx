import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorView } from '../api';
import { formatDay, formatMonth, formatShare, localized } from '../format';
import { SeriesChart } from './SeriesChart';
import { SeriesTable, type SeriesRow } from './SeriesTable';

export interface IndicatorCardProps {
  view: IndicatorView;
  /** The questions' titles by `surveyId question` (from the department's surveys), for the sources' list. */
  questionTitle: (surveyId: string, question: string) => string;
  /** Offered to those who design the department's surveys. */
  onEdit?: () => void;
}

/**
 * One indicator: its overall share, its series per survey, per month (charts and tables) and per channel. What
 * the small-segment rule hides comes hidden from the main core (`answered: null`): shown « < 5 », never computed.
 */
export function IndicatorCard({ view, questionTitle, onEdit }: IndicatorCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const language = i18n.language;
  const label = localized(view.indicator.label, language);
  const titles = new Map(view.sources.map((source) => [source.surveyId, source.surveyTitle]));
  const surveyName = (surveyId: string) => titles.get(surveyId) ?? t('voice.indicators.unknownSurvey');
  const { series } = view;

  // A hidden survey comes without its dates (the main core drops them): its title alone.
  const bySurvey: SeriesRow[] = series.bySurvey.map((point) => ({
    key: point.surveyId,
    label:
      point.from === null || point.to === null
        ? surveyName(point.surveyId)
        : `${surveyName(point.surveyId)} (${t('voice.indicators.from', { from: formatDay(point.from, language), to: formatDay(point.to, language) })})`,
    answered: point.answered,
    share: point.share,
  }));
  const byMonth: SeriesRow[] = series.byMonth.map((point) => ({ key: point.month, label: formatMonth(point.month, language), ...point }));
  const byChannel: SeriesRow[] = series.byChannel.map((point) => ({
    key: point.channel,
    label: t(`voice.channel.${point.channel}`),
    ...point,
  }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3" id={headingId}>
              {label}
            </Title>
            <Group gap="xs" mt={4}>
              <Badge variant="light" size="lg" tt="none">
                {series.overall.share === null
                  ? t('voice.indicators.overall', { share: t('voice.indicators.hidden') })
                  : t('voice.indicators.overall', { share: formatShare(series.overall.share, language) })}
              </Badge>
              <Text fz="sm">
                {series.overall.answered === null
                  ? t('voice.indicators.answersHidden')
                  : t('voice.indicators.answers', { count: series.overall.answered })}
              </Text>
            </Group>
          </div>
          {onEdit && (
            <Button variant="default" size="xs" onClick={onEdit} aria-label={`${t('voice.indicators.edit')} : ${label}`}>
              {t('voice.indicators.edit')}
            </Button>
          )}
        </Group>
        <div>
          <Text fz="sm" fw={500}>
            {t('voice.indicators.sources')}
          </Text>
          <List size="sm">
            {view.sources.map((source) => (
              <List.Item key={`${source.surveyId}/${source.question}`}>
                {t('voice.indicators.sourceSummary', {
                  survey: source.surveyTitle ?? t('voice.indicators.unknownSurvey'),
                  question: questionTitle(source.surveyId, source.question),
                })}
              </List.Item>
            ))}
          </List>
        </div>
        {series.overall.answered === null ? (
          <Text c="dimmed">{t('voice.indicators.tooFew')}</Text>
        ) : (
          <>
            <Text fz="xs" c="dimmed">
              {t('voice.indicators.smallNote')}
            </Text>
            <SeriesChart
              kind="bar"
              label={t('voice.indicators.chartLabel', { indicator: label, series: t('voice.indicators.bySurvey').toLowerCase() })}
              rows={bySurvey}
            />
            <SeriesTable caption={t('voice.indicators.bySurvey')} firstColumn={t('voice.indicators.survey')} rows={bySurvey} />
            <SeriesChart
              kind="line"
              label={t('voice.indicators.chartLabel', { indicator: label, series: t('voice.indicators.byMonth').toLowerCase() })}
              rows={byMonth}
            />
            <SeriesTable caption={t('voice.indicators.byMonth')} firstColumn={t('voice.indicators.month')} rows={byMonth} />
            <SeriesTable caption={t('voice.indicators.byChannel')} firstColumn={t('voice.indicators.channel')} rows={byChannel} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
