import { Loader, Stack, Text, Title } from '@mantine/core';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useAgentMap, useCategoryMap, useDepartmentMap } from '../../../shared/reference-api';
import { useSyncInbox } from '../api';
import { RefusalCard } from '../components/RefusalCard';
import type { Lookups } from '../refusal-view';

/**
 * Every change the central service refused, newest first. An entry leaves only when the agent discards
 * or re-applies it; the focus then returns to the page heading.
 */
export function SyncInboxPage() {
  const { t } = useTranslation();
  const inbox = useSyncInbox();
  const agents = useAgentMap();
  const categories = useCategoryMap();
  const departments = useDepartmentMap();
  const lookups = useMemo<Lookups>(
    () => ({
      agent: (id) => agents.get(id),
      category: (id) => categories.get(id),
      department: (id) => departments.get(id),
    }),
    [agents, categories, departments],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const onResolved = () => heading.current?.focus();
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1} ref={heading} tabIndex={-1}>
          {t('inbox.title')}
        </Title>
        {inbox.isSuccess && inbox.data.length > 0 && <Text>{t('inbox.intro')}</Text>}
      </div>
      {inbox.isPending && <Loader aria-label={t('common.loading')} />}
      {inbox.isError && <ErrorAlert error={inbox.error} />}
      {inbox.isSuccess && inbox.data.length === 0 && <Text>{t('inbox.empty')}</Text>}
      {inbox.data?.map((entry) => (
        <RefusalCard key={entry.mutationId} entry={entry} lookups={lookups} onResolved={onResolved} />
      ))}
    </Stack>
  );
}
