import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { generateTrackingCode } from '../../src-shared/domain/tracking-code';
import { HeaderSearchField, SearchModal } from '../../src-renderer/features/search';
import { buildAgent, buildCaseRow, buildCitizen, voirie } from './fixtures';
import { renderApp, type Handlers } from './render-app';

const jeanne = buildCitizen();
const paul = buildCitizen({
  id: '0190a000-0000-7000-8000-0000000000c2',
  firstName: 'Paul',
  email: 'paul.dupont@example.fr',
});
const pothole = buildCaseRow({ citizenId: jeanne.id, citizenName: 'Jeanne Dupont' });
const code = generateTrackingCode(() => 0.42);

const handlers: Handlers = {
  'reference.departments': () => [voirie],
  'search.global': (input) => {
    const { q } = input as { q: string };
    if (q.toUpperCase() === code)
      return {
        citizens: [],
        cases: [buildCaseRow({ id: '0190a000-0000-7000-8000-0000000000d9', trackingCode: code })],
      };
    return q.toLowerCase().startsWith('dupont') ? { citizens: [jeanne, paul], cases: [pothole] } : { citizens: [], cases: [] };
  },
};

function renderSearch() {
  return renderApp(
    <>
      <HeaderSearchField />
      <SearchModal />
    </>,
    { agent: buildAgent(), handlers },
  );
}

function openWithShortcut() {
  fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
  return screen.findByRole('dialog', { name: 'Recherche globale' });
}

describe('global search dialog', () => {
  it('opens with Ctrl+K and shows citizens and cases in two groups while typing', async () => {
    const { calls } = renderSearch();
    const dialog = await openWithShortcut();
    const input = within(dialog).getByRole('combobox', { name: 'Rechercher un usager ou une demande' });
    fireEvent.change(input, { target: { value: 'dupont' } });

    const listbox = await within(dialog).findByRole('listbox', { name: 'Résultats de la recherche' });
    expect(within(listbox).getByRole('group', { name: 'Usagers' })).toBeTruthy();
    expect(within(within(listbox).getByRole('group', { name: 'Demandes' })).getByRole('option').textContent).toContain(
      pothole.trackingCode,
    );
    expect(within(listbox).getAllByRole('option')).toHaveLength(3);
    // Debounced: one request for the whole word, not one per keystroke.
    expect(calls.filter((call) => call.path === 'search.global')).toEqual([{ path: 'search.global', input: { q: 'dupont', limit: 8 } }]);
  });

  it('moves through the results with the arrows (wrapping) and opens the highlighted one with Enter', async () => {
    renderSearch();
    const dialog = await openWithShortcut();
    const input = within(dialog).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'dupont' } });
    const options = await within(dialog).findAllByRole('option');

    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(options[2]?.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(input, { key: 'Enter' });
    expect(window.location.hash).toBe(`#/cases/${pothole.id}`);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('closes with Escape', async () => {
    renderSearch();
    const dialog = await openWithShortcut();
    fireEvent.keyDown(within(dialog).getByRole('combobox'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('goes straight to the case when a tracking code is typed, in any case and spacing', async () => {
    renderSearch();
    const field = screen.getByRole('searchbox', { name: 'Recherche globale (Ctrl+K)' });
    fireEvent.change(field, { target: { value: code.toLowerCase() } });
    await waitFor(() => expect(window.location.hash).toBe('#/cases/0190a000-0000-7000-8000-0000000000d9'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says when nothing matches', async () => {
    renderSearch();
    const dialog = await openWithShortcut();
    fireEvent.change(within(dialog).getByRole('combobox'), { target: { value: 'zzz' } });
    expect(await within(dialog).findByText('Aucun résultat.')).toBeTruthy();
    expect(within(dialog).queryByRole('listbox')).toBeNull();
  });
});
