import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app/App';
import { buildAgent, voirie } from './fixtures';
import { renderApp, type Handlers } from './render-app';

const camille = buildAgent();
const lucas = buildAgent({
  id: '0190a000-0000-7000-8000-0000000000a2',
  name: 'Lucas Bernard',
  email: 'lucas.bernard@ville.example',
  roles: [{ departmentId: voirie.id, role: 'field' }],
});

function rootWith(): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  root.setAttribute('data-app-state', 'loading');
  document.body.appendChild(root);
  return root;
}

describe('choosing who works at this desk', () => {
  it('lists the agents by role, filters them, and opens the workspace as the one chosen', async () => {
    const root = rootWith();
    let current: typeof camille | null = null;
    const handlers: Handlers = {
      'session.current': () => current,
      'session.agents': () => [camille, lucas],
      'session.choose': (input) => {
        current = [camille, lucas].find((agent) => agent.id === (input as { agentId: string }).agentId) ?? null;
        return current;
      },
      'reference.departments': () => [voirie],
      'reference.categories': () => [],
      'reference.agents': () => [camille, lucas],
      'search.global': () => ({ citizens: [], cases: [] }),
    };
    renderApp(<App />, { handlers });

    expect(await screen.findByRole('heading', { level: 1, name: 'Qui travaille à ce poste ?' })).toBeTruthy();
    await waitFor(() => expect(root.getAttribute('data-app-state')).toBe('ready'));
    expect(screen.getByRole('heading', { name: "Agent d'accueil" })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Agent de terrain' })).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Rechercher un agent' }), { target: { value: 'bernard' } });
    expect(screen.queryByRole('button', { name: /Camille Martin/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Lucas Bernard/ }));

    expect(await screen.findByRole('button', { name: 'Agent connecté : Lucas Bernard' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Accueil' })).toBeTruthy();
    root.remove();
  });

  it('switches the language of the screens and of the page', async () => {
    renderApp(<App />, {
      handlers: { 'session.current': () => null, 'session.agents': () => [camille] },
    });
    await screen.findByRole('heading', { level: 1, name: 'Qui travaille à ce poste ?' });
    expect(document.documentElement.lang).toBe('fr');
    fireEvent.click(screen.getByRole('button', { name: 'English (EN)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Who is working at this desk?' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('button', { name: 'English (EN)' }).getAttribute('aria-pressed')).toBe('true');
  });
});
