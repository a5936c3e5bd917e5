import { Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { channelLabels } from '../../../../src-shared/surveys/synthesis';
import type { RouterOutputs } from '../../../app/trpc';
import { formatCount, formatPercent } from './format';

type Overview = RouterOutputs['surveySynthesis']['overview'];

/** Responses per channel and per collector (a campaign's response rate from what the central service counted). */
export function CollectorCounts({ overview }: { overview: Overview }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder padding="md" component="section" aria-labelledby="channels-title">
        <Title order={3} id="channels-title" mb="sm">
          {t('synthesis.channels')}
        </Title>
        <Table>
          <Table.Tbody>
            {overview.channels.map((row) => (
              <Table.Tr key={row.channel}>
                <Table.Th scope="row">{channelLabels[language][row.channel]}</Table.Th>
                <Table.Td>{formatCount(t, row.count, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="collectors-title">
        <Title order={3} id="collectors-title" mb="sm">
          {t('synthesis.collectors')}
        </Title>
        {overview.collectors.length === 0 ? (
          <Text c="dimmed">{t('synthesis.noCollector')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th>{t('synthesis.count')}</Table.Th>
                <Table.Th>{t('synthesis.sent')}</Table.Th>
                <Table.Th>{t('synthesis.responseRate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.collectors.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Th scope="row">
                    {row.label} · {t(`synthesis.collectorKind.${row.kind}`)}
                  </Table.Th>
                  <Table.Td>{formatCount(t, row.count, language)}</Table.Td>
                  <Table.Td>{row.sent === null ? '—' : row.sent.toLocaleString(language)}</Table.Td>
                  <Table.Td>
                    {row.sent === null || row.sent === 0
                      ? '—'
                      : row.responded === null
                        ? t('synthesis.hiddenCount')
                        : formatPercent((100 * row.responded) / row.sent, language)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </SimpleGrid>
  );
}
