import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app/App';
import { buildSyncStatus } from './fixtures';
import { renderApp, type Handlers } from './render-app';

const demo = {
  password: 'demo',
  accounts: [
    { name: 'Camille Accueil', email: 'camille.accueil@rivebelle.example' },
    { name: 'Responsable Voirie', email: 'responsable.voirie@rivebelle.example' },
  ],
};

function signedOut(demoAccounts: unknown): Handlers {
  return {
    'sync.status': () => buildSyncStatus({ configured: true, centralUrl: 'http://127.0.0.1:8799' }),
    'session.current': () => null,
    'sync.demoAccounts': () => demoAccounts,
  };
}

describe('the sign-in screen of a demo central service', () => {
  it('names the demo accounts and their password; picking one fills the form', async () => {
    renderApp(<App />, { handlers: signedOut(demo) });
    const section = await screen.findByRole('region', { name: 'Comptes de démonstration' });
    expect(within(section).getByText(/le mot de passe de tous les comptes est « demo »/)).toBeTruthy();
    expect(
      within(section)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Camille Accueilcamille.accueil@rivebelle.example', 'Responsable Voirieresponsable.voirie@rivebelle.example']);

    fireEvent.click(
      within(section).getByRole('button', { name: 'Remplir avec le compte de Responsable Voirie (responsable.voirie@rivebelle.example)' }),
    );
    expect((screen.getByRole('textbox', { name: /^Adresse de courriel/ }) as HTMLInputElement).value).toBe(
      'responsable.voirie@rivebelle.example',
    );
    expect((screen.getByLabelText(/^Mot de passe/) as HTMLInputElement).value).toBe('demo');
  });

  it('speaks English when the agent chose it', async () => {
    renderApp(<App />, { handlers: signedOut(demo), language: 'en' });
    const section = await screen.findByRole('region', { name: 'Demo accounts' });
    expect(within(section).getByText(/every account’s password is “demo”/)).toBeTruthy();
  });

  it('names nobody when the central service is not a demo', async () => {
    const { calls } = renderApp(<App />, { handlers: signedOut(null) });
    await screen.findByRole('heading', { level: 1, name: 'Connexion à Guichet' });
    await screen.findByRole('button', { name: 'Se connecter' });
    expect(calls.some((call) => call.path === 'sync.demoAccounts')).toBe(true);
    expect(screen.queryByRole('region', { name: 'Comptes de démonstration' })).toBeNull();
  });
});
