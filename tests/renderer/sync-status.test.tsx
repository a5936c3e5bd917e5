import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src-renderer/app/i18n';
import { App } from '../../src-renderer/app/App';
import { lastSyncText, SyncStatusIndicator } from '../../src-renderer/features/sync';
import { buildAgent, buildSyncStatus } from './fixtures';
import { renderApp } from './render-app';

const agent = buildAgent();
const fiveMinutesAgo = () => new Date(Date.now() - 5 * 60_000 - 1_000).toISOString();

function syncGroup() {
  return screen.getByRole('group', { name: 'Synchronisation' });
}

describe('sync status in the header', () => {
  it('says online, what is waiting, when it last synced, and syncs on demand', async () => {
    const status = buildSyncStatus({
      configured: true,
      signedIn: true,
      online: true,
      pending: 3,
      lastSyncAt: fiveMinutesAgo(),
    });
    const { calls } = renderApp(<SyncStatusIndicator status={status} />, { handlers: { 'sync.now': () => null } });
    expect(screen.getByRole('status', { name: 'État de la synchronisation : En ligne' }).textContent).toBe('En ligne');
    expect(within(syncGroup()).getByText('3 modifications en attente')).toBeTruthy();
    expect(within(syncGroup()).getByText('Synchronisé il y a 5 min')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Synchroniser maintenant' }));
    await waitFor(() => expect(calls.some((call) => call.path === 'sync.now')).toBe(true));
  });

  it('says offline in words, and that nothing is waiting', () => {
    renderApp(<SyncStatusIndicator status={buildSyncStatus({ configured: true, signedIn: true, online: false, lastSyncAt: null })} />);
    expect(screen.getByRole('status', { name: 'État de la synchronisation : Hors ligne' })).toBeTruthy();
    expect(screen.getByText('Aucune modification en attente')).toBeTruthy();
    expect(screen.getByText('Jamais synchronisé')).toBeTruthy();
  });

  it('tells a central service that cannot be reached from one that answers with errors', () => {
    const { unmount } = renderApp(
      <SyncStatusIndicator status={buildSyncStatus({ configured: true, signedIn: true, online: false, failure: 'unreachable' })} />,
    );
    expect(screen.getByRole('status', { name: 'État de la synchronisation : Hors ligne' })).toBeTruthy();
    expect(within(syncGroup()).getByText('Service central injoignable : nouvel essai automatique')).toBeTruthy();
    unmount();

    renderApp(
      <SyncStatusIndicator status={buildSyncStatus({ configured: true, signedIn: true, online: false, pending: 2, failure: 'errors' })} />,
    );
    expect(screen.getByRole('status', { name: 'État de la synchronisation : Erreurs du service central' })).toBeTruthy();
    expect(within(syncGroup()).getByText('Le service central répond par des erreurs : nouvel essai automatique')).toBeTruthy();
    expect(within(syncGroup()).getByText('2 modifications en attente')).toBeTruthy();
  });

  it('says the same in English', () => {
    renderApp(<SyncStatusIndicator status={buildSyncStatus({ configured: true, signedIn: true, failure: 'errors' })} />, {
      language: 'en',
    });
    expect(screen.getByRole('status', { name: 'Synchronisation status: Central service errors' })).toBeTruthy();
    expect(screen.getByText('The central service answers with errors: retrying automatically')).toBeTruthy();
  });

  it('counts the open change socket as online while the first sync has not completed a run', () => {
    renderApp(<SyncStatusIndicator status={buildSyncStatus({ configured: true, signedIn: true, online: false, live: true })} />);
    expect(screen.getByRole('status', { name: 'État de la synchronisation : En ligne' })).toBeTruthy();
  });

  it('shows a bar while a long sync runs', () => {
    renderApp(
      <SyncStatusIndicator status={buildSyncStatus({ configured: true, signedIn: true, online: false, pending: 1, progress: 0.375 })} />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Synchronisation en cours… 37 %' });
    expect(bar.getAttribute('aria-valuenow')).toBe('37');
    // Pages arriving prove the link even before the run completes.
    expect(screen.getByRole('status', { name: 'État de la synchronisation : En ligne' })).toBeTruthy();
    expect(screen.getByText('1 modification en attente')).toBeTruthy();
  });

  it('says a desk without a central service works alone, with nothing to sync', () => {
    renderApp(<SyncStatusIndicator status={buildSyncStatus()} />);
    expect(screen.getByRole('status', { name: 'État de la synchronisation : Poste autonome' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Synchroniser maintenant' })).toBeNull();
  });

  it('is in the header of the workspace, with the sync inbox and its count in the navigation', async () => {
    renderApp(<App />, {
      handlers: {
        'sync.status': () => buildSyncStatus({ configured: true, signedIn: true, online: false, inbox: 2, lastSyncAt: fiveMinutesAgo() }),
        'session.current': () => agent,
        'search.global': () => ({ citizens: [], cases: [] }),
      },
    });
    const header = await screen.findByRole('banner');
    expect(within(header).getByRole('status', { name: 'État de la synchronisation : Hors ligne' })).toBeTruthy();
    const navigation = screen.getByRole('navigation', { name: 'Navigation principale' });
    const inbox = within(navigation).getByRole('link', { name: 'Boîte de synchronisation 2 modifications refusées' });
    expect(inbox.getAttribute('href')).toBe('#/sync-inbox');
  });
});

describe('last successful sync, in words', () => {
  const t = createI18n({ language: 'fr' }).t;
  const now = new Date('2026-11-20T13:30:00.000Z'); // 14:30 in Paris

  it.each([
    [null, 'Jamais synchronisé'],
    ['2026-11-20T13:29:40.000Z', "Synchronisé à l'instant"],
    ['2026-11-20T13:25:00.000Z', 'Synchronisé il y a 5 min'],
    ['2026-11-20T13:02:00.000Z', 'Synchronisé il y a 28 min'],
    ['2026-11-20T12:02:00.000Z', 'Synchronisé à 13:02'],
  ])('%s → %s', (at, text) => {
    expect(lastSyncText(t, at, now, 'fr')).toBe(text);
  });

  it('gives the date when it was another day', () => {
    expect(lastSyncText(t, '2026-11-18T08:15:00.000Z', now, 'fr')).toMatch(/^Synchronisé le 18 nov\. 2026.*09:15$/);
  });
});
