import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { useTRPC } from '../../app/trpc';

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 8;

/** Results while typing: the query is sent 150 ms after the last keystroke, earlier results stay meanwhile. */
export function useGlobalSearch(query: string) {
  const trpc = useTRPC();
  const [debounced] = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const result = useQuery({
    ...trpc.search.global.queryOptions({ q: debounced, limit: SEARCH_LIMIT }),
    enabled: debounced !== '',
    placeholderData: keepPreviousData,
  });
  const data = debounced === '' ? undefined : result.data;
  return { data, debouncedQuery: debounced, isFetching: result.isFetching, error: result.error };
}
