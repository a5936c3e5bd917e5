import { Loader, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useGlobalSearch } from '../api';
import { exactTrackingCodeMatch, toSearchItems, type SearchItem } from '../search-items';
import { useSearchKeyboard } from '../use-search-keyboard';
import { optionId, SearchResults } from './SearchResults';

export interface SearchPanelProps {
  query: string;
  onQueryChange: (query: string) => void;
  /** After a result was opened (the dialog closes). */
  onDone?: () => void;
  autoFocus?: boolean;
}

/** Search field and results, keyboard only: arrows move, Enter opens; a tracking code opens its case. */
export function SearchPanel({ query, onQueryChange, onDone, autoFocus = false }: SearchPanelProps) {
  const { t } = useTranslation();
  const listId = useId();
  const search = useGlobalSearch(query);
  const items = useMemo(() => toSearchItems(search.data), [search.data]);
  const open = (item: SearchItem) => {
    navigate(item.route);
    onDone?.();
  };
  const keyboard = useSearchKeyboard(items, open);
  const exactCaseId = exactTrackingCodeMatch(search.debouncedQuery, search.data);

  // A tracking code is unambiguous (it carries a check character): go straight to its case.
  useEffect(() => {
    if (exactCaseId === null) return;
    navigate({ name: 'case', id: exactCaseId });
    onDone?.();
  }, [exactCaseId, onDone]);

  const settled = search.debouncedQuery === query.trim() && !search.isFetching;
  const summary =
    query.trim() === '' || !settled || search.data === undefined
      ? ''
      : items.length === 0
        ? t('search.noResults')
        : t('search.summary', { citizens: search.data.citizens.length, cases: search.data.cases.length });
  return (
    <Stack gap="xs">
      <TextInput
        type="search"
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(event) => {
          keyboard.reset();
          onQueryChange(event.currentTarget.value);
        }}
        onKeyDown={keyboard.onKeyDown}
        onFocus={(event) => event.currentTarget.setSelectionRange(query.length, query.length)}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls={items.length > 0 ? listId : undefined}
        aria-activedescendant={keyboard.activeIndex >= 0 ? optionId(listId, keyboard.activeIndex) : undefined}
        rightSection={search.isFetching ? <Loader size="xs" aria-hidden="true" /> : null}
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
        autoComplete="off"
      />
      {search.error !== null && <ErrorAlert error={search.error} />}
      <Text size="sm" aria-live="polite">
        {summary}
      </Text>
      {items.length > 0 && (
        <SearchResults
          listId={listId}
          items={items}
          activeIndex={keyboard.activeIndex}
          onHighlight={keyboard.setHighlighted}
          onOpen={open}
        />
      )}
    </Stack>
  );
}
