import { Card, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textIn, type SurveyLanguage } from '../../../../src-shared/surveys';
import type { QuestionResult, SynthesisFilter } from '../../../../src-shared/surveys/synthesis';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useOpenAnswers } from './api';

const PAGE = 20;

/** The open answers of a question (or a choice question's "other" texts), searched, a page at a time. */
export function OpenAnswers({
  surveyId,
  filter,
  questions,
  question,
  onQuestion,
}: {
  surveyId: string;
  filter: SynthesisFilter;
  questions: readonly QuestionResult[];
  question: string | null;
  onQuestion: (question: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const language: SurveyLanguage = i18n.language === 'en' ? 'en' : 'fr';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [page, setPage] = useState(1);
  const options = questions.flatMap((result) => {
    const title = textIn(result.title, language) || result.name;
    if (result.kind === 'open') return [{ value: result.name, label: title }];
    if (result.kind === 'choices' && result.other !== null)
      return [{ value: `${result.name}-Comment`, label: `${title} — ${t('synthesis.other')}` }];
    return [];
  });
  const request = question === null ? null : { surveyId, filter, question, search: debounced, offset: (page - 1) * PAGE, limit: PAGE };
  const answers = useOpenAnswers(request);
  const total = answers.data?.total ?? 0;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="open-answers-title">
      <Title order={3} id="open-answers-title" mb="sm">
        {t('synthesis.openAnswers')}
      </Title>
      <Stack gap="sm">
        <Group align="end">
          <Select
            label={t('synthesis.openQuestion')}
            data={options}
            value={question}
            onChange={(value) => {
              onQuestion(value);
              setPage(1);
            }}
            w={360}
          />
          <TextInput
            label={t('synthesis.search')}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setPage(1);
            }}
            w={280}
          />
        </Group>
        {answers.error !== null && <ErrorAlert error={answers.error} />}
        {question !== null && answers.data !== undefined && (
          <>
            <Text size="sm" c="dimmed">
              {t('synthesis.responses', { count: total })}
            </Text>
            {answers.data.answers.length === 0 ? (
              <Text>{t('synthesis.noAnswers')}</Text>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={120}>{t('synthesis.answerDate')}</Table.Th>
                    <Table.Th>{t('synthesis.answerText')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answers.data.answers.map((answer) => (
                    <Table.Tr key={answer.responseId}>
                      <Table.Td>{new Date(`${answer.day}T12:00:00Z`).toLocaleDateString(language)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{answer.text}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
          </>
        )}
      </Stack>
    </Card>
  );
}
