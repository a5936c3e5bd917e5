import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Citizen } from '../../../../src-shared/schemas/entities';
import { formatDate, fullName } from '../../../shared/format';
import { useGlobalSearch } from '../../search';

export interface PickedCitizen {
  id: string;
  label: string;
}

export function citizenOptionLabel(citizen: Citizen, language: string): string {
  const parts = [
    fullName(citizen),
    citizen.birthDate === null ? null : formatDate(citizen.birthDate, language),
    citizen.address === null ? null : `${citizen.address.postalCode} ${citizen.address.city}`,
  ];
  return parts.filter((part): part is string => part !== null).join(' — ');
}

export interface CitizenPickerProps {
  value: PickedCitizen | null;
  onChange: (citizen: PickedCitizen | null) => void;
  error?: string | undefined;
}

/** Optional citizen of a case, found by the same search as the desk's (names, email, phone, address). */
export function CitizenPicker({ value, onChange, error }: CitizenPickerProps) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState(value?.label ?? '');
  const typing = search !== (value?.label ?? '');
  const results = useGlobalSearch(typing ? search : '');
  const found: PickedCitizen[] = (results.data?.citizens ?? []).map((citizen) => ({
    id: citizen.id,
    label: citizenOptionLabel(citizen, i18n.language),
  }));
  // The chosen citizen stays an option, so its label shows even when the last search did not return it.
  const options = value !== null && !found.some((option) => option.id === value.id) ? [value, ...found] : found;
  const toPicked = (id: string | null): PickedCitizen | null => options.find((option) => option.id === id) ?? null;
  return (
    <Select
      label={t('newCase.citizen')}
      description={t('newCase.citizenHint')}
      placeholder={t('newCase.citizenPlaceholder')}
      searchable
      clearable
      data={options.map((option) => ({ value: option.id, label: option.label }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(toPicked(id))}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched the text (accents, phone, email): show its answers as they are.
      filter={({ options }) => options}
      nothingFoundMessage={search.trim() === '' ? undefined : t('search.noResults')}
      error={error}
    />
  );
}
