import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { CASE_LIST_STORAGE_KEY, caseListInput, defaultCaseListView, useCaseListStore } from '../../src-renderer/features/cases';
import { CaseFilters } from '../../src-renderer/features/cases/components/CaseFilters';
import { pagesForRange } from '../../src-renderer/features/cases/list-pages';
import { buildAgent, voirie } from './fixtures';
import { renderApp } from './render-app';

const alice = '0190a000-0000-7000-8000-0000000000a1';
const bruno = '0190a000-0000-7000-8000-0000000000a2';

function stored(): unknown {
  return JSON.parse(localStorage.getItem(CASE_LIST_STORAGE_KEY) ?? 'null');
}

describe('case list filters, per agent', () => {
  beforeEach(() => {
    useCaseListStore.setState({ views: {} });
  });

  it('keeps each agent’s filters and sort apart, and writes them to localStorage', () => {
    const { setFilters, setSort } = useCaseListStore.getState();
    setFilters(alice, { statuses: ['new', 'qualified'], overdue: true });
    setSort(alice, { field: 'priority', direction: 'desc' });
    setFilters(bruno, { assignee: 'me' });

    const { views } = useCaseListStore.getState();
    expect(views[alice]?.filters.statuses).toEqual(['new', 'qualified']);
    expect(views[alice]?.sort).toEqual({ field: 'priority', direction: 'desc' });
    expect(views[bruno]?.filters).toEqual({ ...defaultCaseListView.filters, assignee: 'me' });
    expect(views[bruno]?.sort).toEqual(defaultCaseListView.sort);
    expect(stored()).toMatchObject({
      state: { views: { [alice]: { filters: { overdue: true } }, [bruno]: { filters: { assignee: 'me' } } } },
    });
  });

  it('restores them in a new session and drops entries that no longer validate', async () => {
    useCaseListStore.getState().setFilters(alice, { channels: ['phone'] });
    const saved = JSON.parse(localStorage.getItem(CASE_LIST_STORAGE_KEY) ?? '{}') as {
      state: { views: Record<string, unknown> };
    };
    saved.state.views[bruno] = { filters: { statuses: ['exploded'] }, sort: { field: 'deadline', direction: 'asc' } };
    useCaseListStore.setState({ views: {} });
    localStorage.setItem(CASE_LIST_STORAGE_KEY, JSON.stringify(saved));

    await useCaseListStore.persist.rehydrate();

    const { views } = useCaseListStore.getState();
    expect(views[alice]?.filters.channels).toEqual(['phone']);
    expect(views[bruno]).toBeUndefined();
  });

  it('reset brings an agent back to the defaults without touching another', () => {
    const { setFilters, reset } = useCaseListStore.getState();
    setFilters(alice, { overdue: true });
    setFilters(bruno, { overdue: true });
    reset(alice);
    expect(useCaseListStore.getState().views[alice]).toEqual(defaultCaseListView);
    expect(useCaseListStore.getState().views[bruno]?.filters.overdue).toBe(true);
  });

  it('turns a view into the case.list input of one page', () => {
    const view = { ...defaultCaseListView, filters: { ...defaultCaseListView.filters, departmentIds: [voirie.id] } };
    expect(caseListInput(view, 300, 100)).toEqual({
      filters: { ...view.filters, citizenId: null },
      sort: { field: 'deadline', direction: 'asc' },
      offset: 300,
      limit: 100,
    });
  });

  it('the filter panel writes to the current agent’s view', async () => {
    const agent = buildAgent({ id: alice });
    renderApp(<CaseFilters />, {
      agent,
      handlers: {
        'reference.departments': () => [voirie],
        'reference.categories': () => [],
        'reference.agents': () => [agent],
      },
    });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Échéance dépassée uniquement' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Trier par' }), { target: { value: 'updatedAt' } });
    expect(useCaseListStore.getState().views[alice]).toMatchObject({
      filters: { overdue: true },
      sort: { field: 'updatedAt', direction: 'asc' },
    });
    expect(stored()).toMatchObject({ state: { views: { [alice]: { filters: { overdue: true } } } } });
  });
});

describe('pages fetched for the visible rows', () => {
  it.each([
    [0, 30, [0]],
    [95, 130, [0, 1]],
    [4_990, 5_020, [0, 49, 50]],
    [99_950, 99_999, [0, 999]],
  ])('rows %i–%i need pages %j', (first, last, pages) => {
    expect(pagesForRange(first, last)).toEqual(pages);
  });
});
