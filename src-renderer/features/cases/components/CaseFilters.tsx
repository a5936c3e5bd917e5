import { Button, Checkbox, Group, MultiSelect, NativeSelect, Select, SimpleGrid } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStatusSchema, channelSchema } from '../../../../src-shared/schemas/common';
import { caseSortFieldSchema } from '../../../../src-shared/schemas/procedures';
import { useAgentMap, useCategories, useDepartmentMap, useDepartments } from '../../../shared/reference-api';
import { useCurrentAgent } from '../../session';
import { categoryGroups } from '../category-groups';
import { activeFilterCount, useCaseListStore, useCaseListView, type CaseListFiltersValue } from '../store';

const ANYONE = 'any';

/** The current agent's view of the list and the setters bound to them. */
function useAgentView() {
  const agent = useCurrentAgent();
  const view = useCaseListView(agent.id);
  const setFilters = useCaseListStore((state) => state.setFilters);
  const setSort = useCaseListStore((state) => state.setSort);
  const reset = useCaseListStore((state) => state.reset);
  return {
    agent,
    view,
    set: (patch: Partial<CaseListFiltersValue>) => setFilters(agent.id, patch),
    sortBy: (sort: typeof view.sort) => setSort(agent.id, sort),
    reset: () => reset(agent.id),
  };
}

/** Filters and sort of the case list; every change is remembered for this agent. */
export function CaseFilters() {
  const { t } = useTranslation();
  const { view, set, reset } = useAgentView();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
      <ReferenceFilters />
      <CodeFilters />
      <AssigneeFilter />
      <SortControls />
      <Group align="flex-end" gap="md" pb={6}>
        <Checkbox
          label={t('cases.overdueOnly')}
          checked={view.filters.overdue}
          onChange={(event) => set({ overdue: event.currentTarget.checked })}
        />
        <Button variant="subtle" size="compact-sm" onClick={reset} disabled={activeFilterCount(view.filters) === 0}>
          {t('cases.resetFilters')}
        </Button>
      </Group>
    </SimpleGrid>
  );
}

function ReferenceFilters() {
  const { t } = useTranslation();
  const { view, set } = useAgentView();
  const departments = useDepartments();
  const departmentMap = useDepartmentMap();
  const categories = useCategories();
  const categoryData = useMemo(() => categoryGroups(categories.data ?? [], departmentMap), [categories.data, departmentMap]);
  const all = (values: readonly string[]) => (values.length === 0 ? t('cases.all') : undefined);
  return (
    <>
      <MultiSelect
        label={t('case.department')}
        placeholder={all(view.filters.departmentIds)}
        data={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))}
        value={view.filters.departmentIds}
        onChange={(departmentIds) => set({ departmentIds })}
        searchable
        clearable
      />
      <MultiSelect
        label={t('case.category')}
        placeholder={all(view.filters.categoryIds)}
        data={categoryData}
        value={view.filters.categoryIds}
        onChange={(categoryIds) => set({ categoryIds })}
        searchable
        clearable
      />
    </>
  );
}

function CodeFilters() {
  const { t } = useTranslation();
  const { view, set } = useAgentView();
  const all = (values: readonly string[]) => (values.length === 0 ? t('cases.all') : undefined);
  return (
    <>
      <MultiSelect
        label={t('case.status')}
        placeholder={all(view.filters.statuses)}
        data={caseStatusSchema.options.map((value) => ({ value, label: t(`status.${value}`) }))}
        value={view.filters.statuses}
        onChange={(statuses) => set({ statuses: statuses.map((value) => caseStatusSchema.parse(value)) })}
        clearable
      />
      <MultiSelect
        label={t('case.channel')}
        placeholder={all(view.filters.channels)}
        data={channelSchema.options.map((value) => ({ value, label: t(`channel.${value}`) }))}
        value={view.filters.channels}
        onChange={(channels) => set({ channels: channels.map((value) => channelSchema.parse(value)) })}
        clearable
      />
    </>
  );
}

function AssigneeFilter() {
  const { t } = useTranslation();
  const { agent, view, set } = useAgentView();
  const agents = useAgentMap();
  const data = useMemo(
    () => [
      { value: ANYONE, label: t('cases.assigneeAnyone') },
      { value: 'me', label: t('cases.assigneeMe') },
      { value: 'none', label: t('cases.assigneeNone') },
      ...[...agents.values()].filter((other) => other.id !== agent.id).map((other) => ({ value: other.id, label: other.name })),
    ],
    [agents, agent.id, t],
  );
  return (
    <Select
      label={t('case.assignee')}
      data={data}
      value={view.filters.assignee ?? ANYONE}
      onChange={(value) => set({ assignee: value === null || value === ANYONE ? null : value })}
      searchable
      allowDeselect={false}
    />
  );
}

function SortControls() {
  const { t } = useTranslation();
  const { view, sortBy } = useAgentView();
  const { sort } = view;
  return (
    <Group grow gap="xs" align="flex-end">
      <NativeSelect
        label={t('cases.sortBy')}
        data={caseSortFieldSchema.options.map((value) => ({ value, label: t(`cases.sortField.${value}`) }))}
        value={sort.field}
        onChange={(event) => sortBy({ ...sort, field: caseSortFieldSchema.parse(event.currentTarget.value) })}
      />
      <NativeSelect
        label={t('cases.sortDirection')}
        data={[
          { value: 'asc', label: t('cases.ascending') },
          { value: 'desc', label: t('cases.descending') },
        ]}
        value={sort.direction}
        onChange={(event) => sortBy({ ...sort, direction: event.currentTarget.value === 'desc' ? 'desc' : 'asc' })}
      />
    </Group>
  );
}
