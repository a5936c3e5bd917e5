import { Select, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { canOpenCaseIn } from '../../../../src-shared/domain/permissions';
import type { Category } from '../../../../src-shared/schemas/entities';
import { useCategories, useDepartmentMap } from '../../../shared/reference-api';
import { useCurrentAgent } from '../../session';
import { categoryGroups } from '../category-groups';

export interface CategorySelectProps {
  value: string;
  onChange: (categoryId: string) => void;
  error?: string | undefined;
  onBlur?: () => void;
}

/** The nature of the request, grouped by department; the department follows and is shown under it. */
export function CategorySelect({ value, onChange, error, onBlur }: CategorySelectProps) {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const categories = useCategories();
  const departments = useDepartmentMap();
  const allowed = useMemo(
    () => (categories.data ?? []).filter((category) => canOpenCaseIn(agent, category.departmentId)),
    [categories.data, agent],
  );
  const data = useMemo(() => categoryGroups(allowed, departments), [allowed, departments]);
  const selected = allowed.find((category) => category.id === value);
  return (
    <Stack gap={4}>
      <Select
        label={t('case.category')}
        placeholder={t('newCase.categoryPlaceholder')}
        required
        searchable
        data={data}
        value={value === '' ? null : value}
        onChange={(id) => onChange(id ?? '')}
        onBlur={onBlur}
        error={error}
        nothingFoundMessage={t('search.noResults')}
        maxDropdownHeight={360}
      />
      {selected !== undefined && <CategoryFacts category={selected} departmentName={departments.get(selected.departmentId)?.name ?? ''} />}
    </Stack>
  );
}

function CategoryFacts({ category, departmentName }: { category: Category; departmentName: string }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" aria-live="polite">
      {t('newCase.categoryFacts', {
        department: departmentName,
        days: category.deadlineDays,
        kind: t(`deadlineKind.${category.deadlineKind}`),
      })}
    </Text>
  );
}
