import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Progress, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { textIn, type LocalizedText, type SurveyLanguage } from '../../../../src-shared/surveys';
import type { ItemCount, QuestionResult } from '../../../../src-shared/surveys/synthesis';
import { formatPercent } from './format';

const labelOf = (label: LocalizedText | null, value: string, language: SurveyLanguage) =>
  label === null ? value : textIn(label, language) || value;

function Bars({ items, language, name }: { items: readonly ItemCount[]; language: SurveyLanguage; name: string }) {
  const { t } = useTranslation();
  const data = items.map((item) => ({ label: labelOf(item.label, item.value, language), count: item.count }));
  return (
    <BarChart
      h={Math.max(120, data.length * 28)}
      data={data}
      dataKey="label"
      orientation="vertical"
      yAxisProps={{ width: 160 }}
      series={[{ name: 'count', label: t('synthesis.count'), color: 'blue.6' }]}
      aria-label={name}
    />
  );
}

function Nps({ result, language }: { result: Extract<QuestionResult, { kind: 'nps' }>; language: SurveyLanguage }) {
  const { t } = useTranslation();
  const share = (n: number) => (result.answered === 0 ? 0 : (100 * n) / result.answered);
  const parts = [
    { key: 'detractors', n: result.detractors, color: 'red' },
    { key: 'passives', n: result.passives, color: 'gray' },
    { key: 'promoters', n: result.promoters, color: 'teal' },
  ] as const;
  return (
    <Stack gap="xs">
      <Text fw={700} size="xl">
        {t('synthesis.nps.score', { score: result.score ?? '—' })}
      </Text>
      <Progress.Root size={24} aria-label={t('synthesis.nps.score', { score: result.score ?? '—' })}>
        {parts.map((part) => (
          <Tooltip key={part.key} label={`${t(`synthesis.nps.${part.key}`)} : ${formatPercent(share(part.n), language)}`}>
            <Progress.Section value={share(part.n)} color={part.color}>
              <Progress.Label>{formatPercent(share(part.n), language)}</Progress.Label>
            </Progress.Section>
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap="md">
        {parts.map((part) => (
          <Badge key={part.key} color={part.color} variant="light">
            {t(`synthesis.nps.${part.key}`)} : {part.n.toLocaleString(language)}
          </Badge>
        ))}
      </Group>
      <Bars items={result.items} language={language} name={textIn(result.title, language)} />
    </Stack>
  );
}

function Body({ result, language, onOther }: { result: QuestionResult; language: SurveyLanguage; onOther: (question: string) => void }) {
  const { t } = useTranslation();
  const name = textIn(result.title, language) || result.name;
  switch (result.kind) {
    case 'choices': {
      const items = result.other === null ? result.items : [...result.items, { value: 'other', label: null, count: result.other }];
      return (
        <Stack gap="xs">
          <Bars
            items={items.map((item) => (item.value === 'other' && item.label === null ? { ...item, value: t('synthesis.other') } : item))}
            language={language}
            name={name}
          />
          {result.other !== null && result.other > 0 && (
            <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOther(`${result.name}-Comment`)}>
              {t('synthesis.otherTexts')}
            </Anchor>
          )}
        </Stack>
      );
    }
    case 'scale':
      return (
        <Stack gap="xs">
          {result.mean !== null && (
            <Text size="sm">{t('synthesis.mean', { value: result.mean.toLocaleString(language, { maximumFractionDigits: 2 }) })}</Text>
          )}
          <Bars items={result.items} language={language} name={name} />
        </Stack>
      );
    case 'nps':
      return <Nps result={result} language={language} />;
    case 'yesNo':
      return (
        <Bars
          items={[
            { value: t('synthesis.yes'), label: null, count: result.yes },
            { value: t('synthesis.no'), label: null, count: result.no },
          ]}
          language={language}
          name={name}
        />
      );
    case 'number':
      return (
        <Stack gap="xs">
          {result.mean !== null && (
            <Text size="sm">{t('synthesis.mean', { value: result.mean.toLocaleString(language, { maximumFractionDigits: 2 }) })}</Text>
          )}
          <Bars
            items={result.bins.map((bin) => ({
              value: bin.from === bin.to ? String(bin.from) : t('synthesis.range', { from: bin.from, to: bin.to }),
              label: null,
              count: bin.count,
            }))}
            language={language}
            name={name}
          />
        </Stack>
      );
    case 'matrix': {
      const columns = result.rows[0]?.items ?? [];
      return (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {columns.map((column) => (
                <Table.Th key={column.value}>{labelOf(column.label, column.value, language)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.rows.map((row) => (
              <Table.Tr key={row.value}>
                <Table.Th scope="row">{labelOf(row.label, row.value, language)}</Table.Th>
                {row.items.map((item) => (
                  <Table.Td key={item.value}>
                    {item.count.toLocaleString(language)} (
                    {formatPercent(row.answered === 0 ? null : (100 * item.count) / row.answered, language)})
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    }
    case 'open':
      return (
        <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOther(result.name)}>
          {t('synthesis.openAnswers')}
        </Anchor>
      );
  }
}

/** One question's result: its chart, how many answered. */
export function QuestionCard({ result, onOpen }: { result: QuestionResult; onOpen: (question: string) => void }) {
  const { t, i18n } = useTranslation();
  const language: SurveyLanguage = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <Card withBorder padding="md" component="section" aria-label={textIn(result.title, language) || result.name}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{textIn(result.title, language) || result.name}</Title>
        <Text size="sm" c="dimmed">
          {t('synthesis.answered', { count: result.answered })}
        </Text>
      </Group>
      <Body result={result} language={language} onOther={onOpen} />
    </Card>
  );
}
