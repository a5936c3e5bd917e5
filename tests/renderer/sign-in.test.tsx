import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app/App';
import { buildAgent, buildSyncStatus, voirie } from './fixtures';
import { guichetError, renderApp, subscriptionFeed, type Handlers } from './render-app';

const camille = buildAgent({ email: 'camille.accueil@rivebelle.example' });
const centralUrl = 'http://127.0.0.1:8799';

function mountRoot(): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  document.body.appendChild(root);
  return root;
}

afterEach(() => document.getElementById('root')?.remove());

/** A desk configured with a central service, nobody signed in. */
function signedOutHandlers(signIn: Handlers[string]): Handlers {
  return {
    'sync.status': () => buildSyncStatus({ configured: true, centralUrl }),
    'session.current': () => null,
    // Not a demo service: no demo accounts to name.
    'sync.demoAccounts': () => null,
    'sync.signIn': signIn,
  };
}

async function submit(email: string, password: string) {
  fireEvent.change(await screen.findByRole('textbox', { name: /^Adresse de courriel/ }), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/^Mot de passe/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
}

describe('signing in to the central service', () => {
  it('replaces the agent picker, is ready at once, and checks the fields before sending anything', async () => {
    const root = mountRoot();
    const { calls } = renderApp(<App />, { handlers: signedOutHandlers(() => camille) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion à Guichet' })).toBeTruthy();
    await waitFor(() => expect(root.getAttribute('data-app-state')).toBe('ready'));
    // Ready, but on the sign-in screen: a test that signs in waits for the workspace by this name.
    expect(root.getAttribute('data-app-screen')).toBe('signIn');
    expect(screen.queryByRole('heading', { name: 'Qui travaille à ce poste ?' })).toBeNull();
    expect(screen.getByText(`Service central : ${centralUrl}`)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Comptes de démonstration' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(screen.getAllByText('Champ obligatoire.')).toHaveLength(2);
    await submit('camille@', 'demo');
    expect(screen.getByText('Adresse de courriel invalide.')).toBeTruthy();
    expect(calls.some((call) => call.path === 'sync.signIn')).toBe(false);
  });

  it('says in French when the email or the password is wrong, and keeps what was typed', async () => {
    mountRoot();
    renderApp(<App />, {
      handlers: signedOutHandlers(() => {
        throw guichetError({ code: 'SIGN_IN_FAILED', args: {} });
      }),
    });
    await submit('camille.accueil@rivebelle.example', 'mauvais');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Connexion impossible');
    expect(alert.textContent).toContain('Adresse de courriel ou mot de passe incorrect.');
    expect((screen.getByRole('textbox', { name: /^Adresse de courriel/ }) as HTMLInputElement).value).toBe(
      'camille.accueil@rivebelle.example',
    );
  });

  it('says how long to wait after too many attempts', async () => {
    mountRoot();
    renderApp(<App />, {
      handlers: signedOutHandlers(() => {
        throw guichetError({ code: 'SIGN_IN_THROTTLED', args: { retryAfterSeconds: 42 } });
      }),
    });
    await submit('camille.accueil@rivebelle.example', 'demo');
    expect((await screen.findByRole('alert')).textContent).toContain('Trop de tentatives de connexion : réessayez dans 42 secondes.');
  });

  it.each([
    ['INTERNAL', () => guichetError({ code: 'INTERNAL', args: { reference: 'CentralUnreachable' } })],
    ['a transport error', () => TRPCClientError.from(new Error('fetch failed'))],
  ])('says the central service cannot be reached on %s', async (_name, error) => {
    mountRoot();
    renderApp(<App />, {
      handlers: signedOutHandlers(() => {
        throw error();
      }),
    });
    await submit('camille.accueil@rivebelle.example', 'demo');
    expect((await screen.findByRole('alert')).textContent).toContain('Le service central est injoignable.');
  });

  it('opens the workspace as the signed-in agent, whose menu signs out', async () => {
    mountRoot();
    let signedIn = false;
    const { calls } = renderApp(<App />, {
      handlers: {
        'sync.status': () =>
          buildSyncStatus({
            configured: true,
            centralUrl,
            signedIn,
            online: true,
            lastSyncAt: new Date().toISOString(),
          }),
        'session.current': () => (signedIn ? camille : null),
        'sync.signIn': () => {
          signedIn = true;
          return camille;
        },
        'sync.signOut': () => {
          signedIn = false;
          return { signedOut: true, pending: 0 };
        },
        'search.global': () => ({ citizens: [], cases: [] }),
        'reference.departments': () => [voirie],
      },
    });
    await submit('Camille.Accueil@rivebelle.example', 'demo');
    expect(calls.find((call) => call.path === 'sync.signIn')?.input).toEqual({
      email: 'Camille.Accueil@rivebelle.example',
      password: 'demo',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Agent connecté : Camille Martin' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Se déconnecter' }));
    const dialog = await screen.findByRole('dialog', { name: 'Se déconnecter ?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Se déconnecter' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion à Guichet' })).toBeTruthy();
    expect(calls.some((call) => call.path === 'sync.signOut')).toBe(true);
  });
});

describe('a session that ends without a sign-out', () => {
  it('shows the sign-in screen saying in French that the session expired', async () => {
    mountRoot();
    renderApp(<App />, {
      handlers: {
        'sync.status': () => buildSyncStatus({ configured: true, centralUrl, pending: 2, sessionEnded: 'SESSION_EXPIRED' }),
        'session.current': () => null,
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion à Guichet' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toBe('Votre session a expiré, reconnectez-vous.');
  });
});

describe('signing out with changes the central service could not receive', () => {
  it('says how many wait and signs out only once the agent chooses to keep them on this desk', async () => {
    mountRoot();
    let signedIn = true;
    const { calls } = renderApp(<App />, {
      handlers: {
        'sync.status': () => buildSyncStatus({ configured: true, centralUrl, signedIn, pending: 2, lastSyncAt: new Date().toISOString() }),
        'session.current': () => (signedIn ? camille : null),
        'sync.signOut': (input) => {
          if ((input as { keep?: boolean }).keep !== true) return { signedOut: false, pending: 2 };
          signedIn = false;
          return { signedOut: true, pending: 2 };
        },
        'search.global': () => ({ citizens: [], cases: [] }),
        'reference.departments': () => [voirie],
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Agent connecté : Camille Martin' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Se déconnecter' }));
    const dialog = await screen.findByRole('dialog', { name: 'Se déconnecter ?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Se déconnecter' }));

    expect((await within(dialog).findByRole('alert')).textContent).toContain("2 modifications n'ont pas pu être envoyées");
    expect(screen.queryByRole('heading', { level: 1, name: 'Connexion à Guichet' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Les garder et se déconnecter' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion à Guichet' })).toBeTruthy();
    expect(calls.filter((call) => call.path === 'sync.signOut').map((call) => call.input)).toEqual([{}, { keep: true }]);
  });
});

describe('the first sync after signing in', () => {
  it('shows its progress and keeps the app loading until the first data is there', async () => {
    const root = mountRoot();
    const changes = subscriptionFeed<ReturnType<typeof buildSyncStatus>>();
    const bootstrapping = buildSyncStatus({
      configured: true,
      centralUrl,
      signedIn: true,
      online: true,
      progress: 0.42,
    });
    let status = bootstrapping;
    const { calls } = renderApp(<App />, {
      handlers: {
        'sync.status': () => status,
        'sync.changes': () => changes,
        'session.current': () => camille,
        'search.global': () => ({ citizens: [], cases: [] }),
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Synchronisation initiale' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Synchronisation initiale… 42 %' }).getAttribute('aria-valuenow')).toBe('42');
    expect(root.getAttribute('data-app-state')).toBe('loading');
    expect(root.getAttribute('data-app-screen')).toBe('initialSync');

    const currentReads = calls.filter((call) => call.path === 'session.current').length;
    status = { ...bootstrapping, progress: null, lastSyncAt: new Date().toISOString() };
    changes.push(status);
    expect(await screen.findByRole('heading', { level: 1, name: 'Accueil' })).toBeTruthy();
    await waitFor(() => expect(root.getAttribute('data-app-state')).toBe('ready'));
    expect(root.getAttribute('data-app-screen')).toBe('workspace');
    // Each change message refetches what is on screen: other agents' changes appear without a reload.
    await waitFor(() => expect(calls.filter((call) => call.path === 'session.current').length).toBeGreaterThan(currentReads));
  });
});
