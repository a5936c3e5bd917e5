import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app/App';
import type { Agent } from '../../src-shared/schemas/entities';
import { buildAgent, buildCitizen, voirie } from './fixtures';
import { renderApp, type Handlers } from './render-app';

const counter = buildAgent();
const field = buildAgent({
  id: '0190a000-0000-7000-8000-0000000000a2',
  name: 'Lucas Bernard',
  email: 'lucas.bernard@ville.example',
  roles: [{ departmentId: voirie.id, role: 'field' }],
});

function workspaceOf(agent: Agent, path: string): Handlers {
  window.history.replaceState(null, '', path);
  return {
    'session.current': () => agent,
    'session.agents': () => [counter, field],
    'reference.departments': () => [voirie],
    'reference.categories': () => [],
    'reference.agents': () => [counter, field],
    'search.global': () => ({ citizens: [], cases: [] }),
    'citizen.card': () => ({ citizen: buildCitizen(), cases: [] }),
  };
}

afterEach(() => window.history.replaceState(null, '', '/'));

/** The screens offer what the permission table allows (src-shared/domain/permissions.ts), nothing else. */
describe('what the workspace offers, by role', () => {
  it('does not offer a field agent of Voirie to create a citizen, on the desk or in the navigation', async () => {
    renderApp(<App />, { handlers: workspaceOf(field, '/') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Accueil' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Nouvel usager' })).toBeNull();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Nouvelle demande' })).toBeTruthy();
    // Nor told to look citizens up: the greeting speaks of cases only.
    expect(screen.getByText(/Recherchez la demande, ou créez-en une/)).toBeTruthy();
  });

  it('offers a counter agent to create a citizen, on the desk and in the navigation', async () => {
    renderApp(<App />, { handlers: workspaceOf(counter, '/') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Accueil' })).toBeTruthy();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Nouvel usager' })).toBeTruthy();
    expect(
      within(screen.getByRole('navigation', { name: 'Navigation principale' })).getByRole('link', { name: 'Nouvel usager' }),
    ).toBeTruthy();
  });

  it('shows a field agent who reaches the new citizen address that it is not theirs to use, without the form', async () => {
    renderApp(<App />, { handlers: workspaceOf(field, '/#/citizens/new') });

    expect(await screen.findByText('Vos rôles ne vous permettent pas cette opération.')).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: 'Nouvel usager' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Enregistrer' })).toBeNull();
  });
});
