import { Accordion, Anchor, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { routeHref } from '../../../app/router';
import { useFeedbackThemes, type FeedbackThemeView } from '../api';
import { formatDay } from '../format';

export interface FeedbackThemesSectionProps {
  /** The departments whose feedback the agent reads, with their names. */
  departments: readonly { id: string; name: string }[];
}

/** An average rating as read aloud and shown: "2,5 / 5" in French. */
function formatRating(rating: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(rating);
}

/**
 * "Thèmes des avis": a department's feedback themes, most used first, with their counts and average rating;
 * each opens on its cases (tracking code, date, rating, a link to the case). Where agents prepare outcomes.
 */
export function FeedbackThemesSection({ departments }: FeedbackThemesSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [chosen, setChosen] = useState<string | null>(departments[0]?.id ?? null);
  const themes = useFeedbackThemes(chosen);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <div>
        <Title order={2} size="h3" id={headingId}>
          {t('voice.feedbackThemes.title')}
        </Title>
        <Text fz="sm">{t('voice.feedbackThemes.intro')}</Text>
      </div>
      {departments.length > 1 && (
        <NativeSelect
          label={t('voice.department')}
          w="fit-content"
          value={chosen ?? ''}
          data={departments.map((department) => ({ value: department.id, label: department.name }))}
          onChange={(event) => setChosen(event.currentTarget.value)}
        />
      )}
      {themes.isPending && chosen !== null && <Loader size="sm" aria-label={t('common.loading')} />}
      {themes.isError && <ErrorAlert error={themes.error} />}
      {themes.data?.length === 0 && <Text c="dimmed">{t('voice.feedbackThemes.empty')}</Text>}
      {themes.data !== undefined && themes.data.length > 0 && (
        <Accordion variant="separated" multiple>
          {themes.data.map((theme) => (
            <ThemeItem key={theme.theme} theme={theme} />
          ))}
        </Accordion>
      )}
    </Stack>
  );
}

function ThemeItem({ theme }: { theme: FeedbackThemeView }) {
  const { t, i18n } = useTranslation();
  const summary = [
    t('voice.feedbackThemes.count', { count: theme.count }),
    theme.averageRating === null ? null : t('voice.feedbackThemes.average', { rating: formatRating(theme.averageRating, i18n.language) }),
  ]
    .filter((part) => part !== null)
    .join(' · ');
  return (
    <Accordion.Item value={theme.theme}>
      <Accordion.Control>
        <Text fw={600} span>
          {theme.theme}
        </Text>{' '}
        <Text span c="dimmed" fz="sm">
          {summary}
        </Text>
      </Accordion.Control>
      <Accordion.Panel>
        <Table striped>
          <Table.Caption>{t('voice.feedbackThemes.casesOf', { theme: theme.theme })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('voice.feedbackThemes.trackingCode')}</Table.Th>
              <Table.Th>{t('voice.feedbackThemes.date')}</Table.Th>
              <Table.Th>{t('voice.feedbackThemes.rating')}</Table.Th>
              <Table.Th>{t('voice.feedbackThemes.subject')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {theme.cases.map((item) => (
              <Table.Tr key={item.caseId}>
                <Table.Td>
                  <Anchor href={routeHref({ name: 'case', id: item.caseId })} ff="monospace" fw={700}>
                    {item.trackingCode}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDay(item.createdAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {item.rating === null ? t('voice.feedbackThemes.noRating') : t('voice.feedbackThemes.ratingOf', { rating: item.rating })}
                </Table.Td>
                <Table.Td>{item.subject}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
