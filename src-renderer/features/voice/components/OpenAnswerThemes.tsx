import { CloseButton, Grid, Group, Loader, NativeSelect, Pagination, Stack, Text, TextInput, type TitleOrder } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayPerform } from '../../../../src-shared/domain/permissions';
import { themeKey } from '../../../../src-shared/surveys/case-tags';
import { noFilter, type SynthesisFilter } from '../../../../src-shared/surveys/synthesis';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useCurrentAgent } from '../../session';
import { useOpenAnswers, useTagAnswer, useUntagAnswer, useVoiceSurveys } from '../api';
import { AnswerItem } from './AnswerItem';
import { ThemePanel } from './ThemePanel';

export interface OpenAnswerThemesProps {
  surveyId: string;
  /** The open question's answer name. */
  question: string;
  /** The level of this block's own headings under the page's (the synthesis tab's question heading). */
  headingOrder?: TitleOrder;
  pageSize?: number;
  /** The synthesis's filter (dates, channel, collector); none by default. */
  filter?: SynthesisFilter;
}

/** The search waits for a pause in typing; the server folds accents and case. */
const SEARCH_PAUSE_MS = 250;

/**
 * An open question's answers, searched and filed under themes: a search box, a filter by theme, a page of
 * answers with their themes (remove ×, add one with the themes in use offered), the themes in use with their
 * counts, and suggested themes (a click searches the answers containing it, so the agent can tag them).
 */
export function OpenAnswerThemes({ surveyId, question, headingOrder = 4, pageSize = 20, filter = noFilter }: OpenAnswerThemesProps) {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const listId = useId();
  const [search, setSearch] = useState('');
  const [appliedSearch] = useDebouncedValue(search.trim(), SEARCH_PAUSE_MS);
  const [theme, setTheme] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const answers = useOpenAnswers({
    surveyId,
    question,
    search: appliedSearch,
    theme,
    offset: (page - 1) * pageSize,
    limit: pageSize,
    filter,
  });
  const surveys = useVoiceSurveys();
  const tag = useTagAnswer();
  const untag = useUntagAnswer();
  const survey = surveys.data?.find((candidate) => candidate.id === surveyId);
  const tags = survey !== undefined && mayPerform(agent, 'survey.answer.tag', survey.departmentId);

  const searchFor = (text: string) => {
    setSearch(text);
    setPage(1);
  };
  const filterOn = (chosen: string | null) => {
    setTheme(chosen);
    setPage(1);
  };
  const data = answers.data;
  const themeNames = (data?.themes ?? []).map((entry) => entry.theme);
  // The question's themes first, then the department's others (feedback included), one per theme.
  const offered = [
    ...themeNames,
    ...(data?.departmentThemes ?? []).filter((name) => !themeNames.some((own) => themeKey(own) === themeKey(name))),
  ];
  const pages = data === undefined ? 1 : Math.max(1, Math.ceil(data.total / pageSize));
  const failure = tag.error ?? untag.error;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm">
            <TextInput
              flex={1}
              type="search"
              label={t('voice.themes.search')}
              description={t('voice.themes.searchHint')}
              value={search}
              maxLength={200}
              onChange={(event) => searchFor(event.currentTarget.value)}
              rightSection={
                search === '' ? null : <CloseButton size="sm" aria-label={t('voice.themes.clear')} onClick={() => searchFor('')} />
              }
            />
            <NativeSelect
              label={t('voice.themes.theme')}
              value={theme ?? ''}
              data={[{ value: '', label: t('voice.themes.allThemes') }, ...themeNames.map((name) => ({ value: name, label: name }))]}
              onChange={(event) => filterOn(event.currentTarget.value || null)}
            />
          </Group>
          {answers.isError && <ErrorAlert error={answers.error} />}
          {failure !== null && <ErrorAlert error={failure} />}
          {data === undefined ? (
            answers.isPending && <Loader size="sm" aria-label={t('common.loading')} />
          ) : (
            <>
              <Text fz="sm" role="status" id={listId}>
                {t('voice.themes.total', { count: data.total })}
              </Text>
              {data.answers.length === 0 ? (
                <Text c="dimmed">{t('voice.themes.noAnswer')}</Text>
              ) : (
                <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby={listId}>
                  {data.answers.map((answer) => (
                    <AnswerItem
                      key={answer.responseId}
                      answer={answer}
                      themes={offered}
                      busy={tag.isPending || untag.isPending}
                      onTag={tags ? (chosen) => tag.mutate({ responseId: answer.responseId, question, theme: chosen }) : null}
                      onUntag={tags ? (id) => untag.mutate({ id }) : null}
                    />
                  ))}
                </Stack>
              )}
              {pages > 1 && (
                <nav aria-label={t('voice.themes.pages')}>
                  <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} size="sm" />
                </nav>
              )}
            </>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <ThemePanel
          themes={data?.themes ?? []}
          suggestions={data?.suggestions ?? []}
          activeTheme={theme}
          headingOrder={headingOrder}
          onTheme={filterOn}
          onSuggestion={searchFor}
        />
      </Grid.Col>
    </Grid>
  );
}
