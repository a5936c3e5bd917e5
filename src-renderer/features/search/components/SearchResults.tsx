import { Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFrenchPhone } from '../../../../src-shared/domain/phone';
import { StatusBadge } from '../../../shared/badges';
import { formatDate, fullName } from '../../../shared/format';
import { useDepartmentMap } from '../../../shared/reference-api';
import type { SearchItem } from '../search-items';

export interface SearchResultsProps {
  listId: string;
  items: SearchItem[];
  activeIndex: number;
  onHighlight: (index: number) => void;
  onOpen: (item: SearchItem) => void;
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/** The listbox of a combobox: focus stays in the input, the highlighted option is `aria-activedescendant`. */
export function SearchResults({ listId, items, activeIndex, onHighlight, onOpen }: SearchResultsProps) {
  const { t } = useTranslation();
  const indexed = items.map((item, index) => ({ item, index }));
  const citizens = indexed.filter(({ item }) => item.kind === 'citizen');
  const cases = indexed.filter(({ item }) => item.kind === 'case');
  const optionProps = { listId, activeIndex, onHighlight, onOpen };
  return (
    <div role="listbox" id={listId} aria-label={t('search.resultsLabel')}>
      {citizens.length > 0 && <ResultGroup title={t('search.citizens')} entries={citizens} {...optionProps} />}
      {cases.length > 0 && <ResultGroup title={t('search.cases')} entries={cases} {...optionProps} />}
    </div>
  );
}

interface ResultGroupProps extends Omit<SearchResultsProps, 'items'> {
  title: string;
  entries: { item: SearchItem; index: number }[];
}

function ResultGroup({ title, entries, listId, activeIndex, onHighlight, onOpen }: ResultGroupProps) {
  const headingId = useId();
  return (
    <div role="group" aria-labelledby={headingId}>
      <Text id={headingId} aria-hidden="true" size="xs" fw={700} tt="uppercase" mt="sm" mb={4}>
        {title}
      </Text>
      {entries.map(({ item, index }) => (
        <div
          key={item.id}
          id={optionId(listId, index)}
          role="option"
          aria-selected={index === activeIndex}
          onMouseMove={() => onHighlight(index)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onOpen(item)}
          style={{
            padding: '6px 8px',
            borderRadius: 4,
            cursor: 'pointer',
            background: index === activeIndex ? 'var(--mantine-color-blue-1)' : undefined,
            outline: index === activeIndex ? '2px solid var(--mantine-color-blue-8)' : undefined,
          }}
        >
          {item.kind === 'citizen' ? <CitizenOption item={item} /> : <CaseOption item={item} />}
        </div>
      ))}
    </div>
  );
}

function CitizenOption({ item }: { item: Extract<SearchItem, { kind: 'citizen' }> }) {
  const { i18n } = useTranslation();
  const { citizen } = item;
  const details = [
    citizen.birthDate === null ? null : formatDate(citizen.birthDate, i18n.language),
    citizen.email,
    citizen.phone === null ? null : formatFrenchPhone(citizen.phone),
    citizen.address === null ? null : `${citizen.address.postalCode} ${citizen.address.city}`,
  ].filter((part): part is string => part !== null);
  return (
    <Stack gap={0}>
      <Text fw={700}>{fullName(citizen)}</Text>
      <Text size="sm">{details.join(' · ')}</Text>
    </Stack>
  );
}

function CaseOption({ item }: { item: Extract<SearchItem, { kind: 'case' }> }) {
  const departments = useDepartmentMap();
  const { row } = item;
  return (
    <Stack gap={0}>
      <Group gap="xs" wrap="nowrap">
        <Text ff="monospace" fw={700}>
          {row.trackingCode}
        </Text>
        <StatusBadge status={row.status} />
      </Group>
      <Text size="sm">{[row.subject, departments.get(row.departmentId)?.name, row.citizenName].filter(Boolean).join(' · ')}</Text>
    </Stack>
  );
}
