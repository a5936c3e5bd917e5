import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app/App';
import { buildSyncStatus } from './fixtures';
import { renderApp } from './render-app';

describe('a replica rebuilt after damage', () => {
  it('says "copie locale endommagée" over the sign-in screen until the agent closes it', async () => {
    let notice: unknown = {
      code: 'REPLICA_DAMAGED',
      args: { file: '/data/replica.damaged-2026-12-07T01-30-00-000Z.db' },
      at: '2026-12-07T01:30:00.000Z',
      recoveredMutations: 3,
      lostMutations: 0,
    };
    const { calls } = renderApp(<App />, {
      handlers: {
        'sync.status': () => buildSyncStatus({ configured: true, centralUrl: 'https://central.ville.example' }),
        'session.current': () => null,
        'replica.notice': () => notice,
        'replica.dismissNotice': () => {
          notice = null;
          return null;
        },
      },
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Copie locale endommagée : elle a été mise de côté \(\/data\/replica\.damaged-2026-12-07T01-30-00-000Z\.db\)/,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion à Guichet' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Fermer' }));

    await waitFor(() => expect(screen.queryByText(/Copie locale endommagée/)).toBeNull());
    expect(calls.map((call) => call.path)).toContain('replica.dismissNotice');
  });

  it('asks for a restart, with nothing to close, when damage was met while working', async () => {
    renderApp(<App />, {
      handlers: {
        'sync.status': () => buildSyncStatus({ configured: true, centralUrl: 'https://central.ville.example' }),
        'session.current': () => null,
        'replica.notice': () => ({ code: 'REPLICA_DAMAGED_RESTART', args: {} }),
      },
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Copie locale endommagée : redémarrez Guichet pour la reconstruire/);
    expect(screen.queryByRole('button', { name: 'Fermer' })).toBeNull();
  });
});
