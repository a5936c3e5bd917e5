import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatShare } from '../format';

export interface SeriesRow {
  key: string;
  label: string;
  /** Null: hidden by the small-segment rule, shown « < 5 » (and its share too). */
  answered: number | null;
  share: number | null;
}

/** An indicator's points as a table: what the chart shows, read by screen readers, and the hidden groups said so. */
export function SeriesTable({ caption, firstColumn, rows }: { caption: string; firstColumn: string; rows: readonly SeriesRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table striped withTableBorder fz="sm" captionSide="top">
      <Table.Caption style={{ textAlign: 'start' }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{firstColumn}</Table.Th>
          <Table.Th scope="col" ta="end">
            {t('voice.indicators.answered')}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('voice.indicators.share')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row" fw="normal">
              {row.label}
            </Table.Th>
            <Table.Td ta="end">
              {row.answered === null ? t('voice.indicators.hiddenCount') : row.answered.toLocaleString(i18n.language)}
            </Table.Td>
            <Table.Td ta="end">
              {row.answered === null || row.share === null ? (
                <Text span fz="sm" c="dimmed" fs="italic">
                  {t('voice.indicators.hidden')}
                </Text>
              ) : (
                formatShare(row.share, i18n.language)
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
