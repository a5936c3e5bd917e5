import { Alert, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyAnonymity } from '../../../../src-shared/schemas/surveys';
import { textIn, type SurveyLanguage } from '../../../../src-shared/surveys';
import type { QuestionResult, SynthesisFilter } from '../../../../src-shared/surveys/synthesis';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useDepartments } from '../../../shared/reference-api';
import { useCrosstab, type CrosstabRequest } from './api';
import { formatCount, formatPercent } from './format';

type SegmentKind = CrosstabRequest['segment']['kind'];

/** "name" or "name/row" (a matrix row): each closed question, each row of a matrix. */
function closedOptions(questions: readonly QuestionResult[], language: SurveyLanguage) {
  return questions.flatMap((question) => {
    const title = textIn(question.title, language) || question.name;
    if (question.kind === 'open') return [];
    if (question.kind === 'matrix') {
      return question.rows.map((row) => ({
        value: `${question.name}/${row.value}`,
        label: `${title} — ${row.label === null ? row.value : textIn(row.label, language)}`,
      }));
    }
    return [{ value: question.name, label: title }];
  });
}

const split = (key: string): { question: string; item: string | null } => {
  const at = key.indexOf('/');
  return at === -1 ? { question: key, item: null } : { question: key.slice(0, at), item: key.slice(at + 1) };
};

function segmentOf(kind: SegmentKind, departmentId: string | null, other: string | null): CrosstabRequest['segment'] | null {
  if (kind === 'department') return departmentId === null ? null : { kind, departmentId };
  if (kind === 'question') return other === null ? null : { kind, ...split(other) };
  return { kind };
}

/**
 * Pick a closed question and a criterion: the table of its answers by segment, percentages per segment. On a
 * named survey the answers carry no profile (identity and profile never together), which the department and
 * area criteria say.
 */
export function CrosstabBuilder({
  surveyId,
  filter,
  questions,
  anonymity,
}: {
  surveyId: string;
  filter: SynthesisFilter;
  questions: readonly QuestionResult[];
  anonymity?: SurveyAnonymity | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language: SurveyLanguage = i18n.language === 'en' ? 'en' : 'fr';
  const options = closedOptions(questions, language);
  const [question, setQuestion] = useState<string | null>(null);
  const [kind, setKind] = useState<SegmentKind>('channel');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [other, setOther] = useState<string | null>(null);
  const departments = useDepartments();
  const segment = segmentOf(kind, departmentId, other);
  const request = question === null || segment === null ? null : { surveyId, filter, ...split(question), segment };
  const result = useCrosstab(request);
  const table = result.data?.table;
  const label = (text: Parameters<typeof textIn>[0] | null, fallback: string) =>
    text === null ? fallback : textIn(text, language) || fallback;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="crosstab-title">
      <Title order={3} id="crosstab-title" mb="sm">
        {t('synthesis.crosstab.title')}
      </Title>
      <Stack gap="sm">
        <Group align="end">
          <Select label={t('synthesis.crosstab.question')} data={options} value={question} onChange={setQuestion} searchable w={320} />
          <Select
            label={t('synthesis.crosstab.segment')}
            data={(['channel', 'collector', 'area', 'department', 'question'] as const).map((value) => ({
              value,
              label: t(`synthesis.crosstab.by${value.charAt(0).toUpperCase()}${value.slice(1)}`),
            }))}
            value={kind}
            onChange={(value) => value !== null && setKind(value as SegmentKind)}
            allowDeselect={false}
            w={320}
          />
          {kind === 'department' && (
            <Select
              label={t('synthesis.crosstab.department')}
              data={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))}
              value={departmentId}
              onChange={setDepartmentId}
              searchable
            />
          )}
          {kind === 'question' && (
            <Select
              label={t('synthesis.crosstab.otherQuestion')}
              data={options.filter((option) => option.value !== question)}
              value={other}
              onChange={setOther}
              searchable
              w={320}
            />
          )}
        </Group>
        {anonymity === 'identified' && (kind === 'department' || kind === 'area') && (
          <Alert color="gray">{t('synthesis.crosstab.noProfile')}</Alert>
        )}
        {result.error !== null && <ErrorAlert error={result.error} />}
        {request === null && <Text c="dimmed">{t('synthesis.crosstab.pick')}</Text>}
        {request !== null && table !== undefined && (
          <Text size="sm">
            {t('synthesis.crosstab.total')} : {formatCount(t, table.total, language)}
          </Text>
        )}
        {request !== null && table !== undefined && (
          <Table.ScrollContainer minWidth={400}>
            <Table striped withTableBorder withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('synthesis.crosstab.value')}</Table.Th>
                  {table.segments.map((segment) => (
                    <Table.Th key={segment.key}>
                      {label(segment.label, segment.key)} ({formatCount(t, segment.size, language)})
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.map((row, index) => (
                  <Table.Tr key={row.value}>
                    <Table.Th scope="row">{label(row.label, row.value)}</Table.Th>
                    {table.segments.map((segment) => {
                      const cell = segment.cells?.[index];
                      return (
                        <Table.Td key={segment.key}>
                          {cell === undefined
                            ? t('synthesis.hiddenCount')
                            : `${cell.count.toLocaleString(language)} (${formatPercent(cell.percent, language)})`}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed">
          {t('synthesis.smallNote')}
        </Text>
      </Stack>
    </Card>
  );
}
