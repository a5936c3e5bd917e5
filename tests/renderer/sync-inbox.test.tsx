import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Case } from '../../src-shared/schemas/entities';
import { SyncInboxPage } from '../../src-renderer/features/sync';
import { buildAgent, buildCitizen, buildRefusal, voirie } from './fixtures';
import { guichetError, renderApp, type Handlers } from './render-app';

const agent = buildAgent();
const caseId = '0190a000-0000-7000-8000-0000000000d1';
const comment = 'Vérifié sur place avec l’usager :\nle trou fait 20 cm.';

const refusedTransition = buildRefusal({
  mutationId: 12,
  name: 'case.transition',
  outcome: 'conflict',
  args: {
    caseId,
    action: 'qualify',
    expectedStatus: 'new',
    assigneeId: null,
    comment,
    eventId: '0190a000-0000-7000-8000-0000000000f2',
  },
  error: { code: 'STATUS_CHANGED', args: { expected: 'new', actual: 'qualified' } },
});

function serverCase(overrides: Partial<Case> = {}): Case {
  return {
    id: caseId,
    trackingCode: 'K7MP-3QXW',
    kind: 'report',
    citizenId: null,
    categoryId: '0190a000-0000-7000-8000-0000000000e1',
    departmentId: voirie.id,
    channel: 'counter',
    subject: 'Nid-de-poule devant l’école',
    description: '',
    address: null,
    latitude: null,
    longitude: null,
    status: 'qualified',
    priority: 'normal',
    assigneeId: null,
    parentId: null,
    duplicateOfId: null,
    deadline: '2099-12-01',
    deadlinePausedAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T13:04:00.000Z',
    closedAt: null,
    version: 4,
    ...overrides,
  };
}

/** The inbox holds `entries` until the agent acts on one; `act` answers the action. */
function inboxHandlers(entries: ReturnType<typeof buildRefusal>[], extra: Handlers = {}): Handlers {
  let open = [...entries];
  const resolve = (input: unknown) => {
    open = open.filter((entry) => entry.mutationId !== (input as { mutationId: number }).mutationId);
    return null;
  };
  return {
    'sync.inbox': () => open,
    'sync.discard': resolve,
    'sync.reapply': resolve,
    'case.detail': () => ({
      case: serverCase(),
      events: [],
      citizen: null,
      category: null,
      department: voirie,
      actions: [],
    }),
    'reference.agents': () => [agent],
    'reference.categories': () => [],
    'reference.departments': () => [voirie],
    ...extra,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('sync inbox', () => {
  it('shows what was refused, why, what was entered and what the case is now', async () => {
    renderApp(<SyncInboxPage />, { agent, handlers: inboxHandlers([refusedTransition]) });
    const entry = await screen.findByRole('article', { name: 'Changement de statut : Qualifier' });
    expect(within(entry).getByText('Motif du refus')).toBeTruthy();
    expect(
      within(entry).getByText(
        'La demande a changé de statut entre-temps (« Nouvelle » attendu, « Qualifiée » à présent). Vérifiez-la avant de recommencer.',
      ),
    ).toBeTruthy();

    const entered = within(entry).getByRole('heading', { name: 'Ce que vous aviez saisi' }).parentElement as HTMLElement;
    expect(within(entered).getByText('Action').nextElementSibling?.textContent).toBe('Qualifier');
    expect(within(entered).getByText('Statut que vous aviez sous les yeux').nextElementSibling?.textContent).toBe('Nouvelle');
    expect(within(entered).getByText('Commentaire').nextElementSibling?.textContent).toBe(comment);

    const now = within(entry).getByRole('heading', { name: 'Ce que contient maintenant le service central' }).parentElement as HTMLElement;
    expect((await within(now).findByRole('link', { name: 'Ouvrir la demande K7MP-3QXW' })).getAttribute('href')).toBe(`#/cases/${caseId}`);
    expect(within(now).getByText('Statut').nextElementSibling?.textContent).toBe('Qualifiée');
    expect(within(now).getByText('Service').nextElementSibling?.textContent).toBe('Voirie');
    expect(within(now).getByText('Version').nextElementSibling?.textContent).toBe('4');
  });

  it('copies the typed text, and re-applies the change, which then leaves the list', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { calls } = renderApp(<SyncInboxPage />, { agent, handlers: inboxHandlers([refusedTransition]) });
    const entry = await screen.findByRole('article', { name: 'Changement de statut : Qualifier' });

    await act(async () => {
      fireEvent.click(within(entry).getByRole('button', { name: 'Copier le texte' }));
      await Promise.resolve();
    });
    expect(writeText).toHaveBeenCalledWith(comment);

    fireEvent.click(within(entry).getByRole('button', { name: 'Appliquer à nouveau' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(calls.find((call) => call.path === 'sync.reapply')?.input).toEqual({ mutationId: 12 });
    expect(screen.getByText('Aucune modification refusée.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Boîte de synchronisation' }));
  });

  it('discards only after the agent confirms', async () => {
    const { calls } = renderApp(<SyncInboxPage />, { agent, handlers: inboxHandlers([refusedTransition]) });
    const entry = await screen.findByRole('article', { name: 'Changement de statut : Qualifier' });
    fireEvent.click(within(entry).getByRole('button', { name: 'Abandonner' }));
    const dialog = await screen.findByRole('dialog', { name: 'Abandonner cette modification ?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some((call) => call.path === 'sync.discard')).toBe(false);

    fireEvent.click(within(entry).getByRole('button', { name: 'Abandonner' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Abandonner la modification' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(calls.find((call) => call.path === 'sync.discard')?.input).toEqual({ mutationId: 12 });
  });

  it('keeps the entry and says why when re-applying is refused on the current state', async () => {
    renderApp(<SyncInboxPage />, {
      agent,
      handlers: inboxHandlers([refusedTransition], {
        'sync.reapply': () => {
          throw guichetError({ code: 'TRANSITION_NOT_ALLOWED', args: { from: 'closed', action: 'qualify' } });
        },
      }),
    });
    const entry = await screen.findByRole('article', { name: 'Changement de statut : Qualifier' });
    fireEvent.click(within(entry).getByRole('button', { name: 'Appliquer à nouveau' }));
    expect((await within(entry).findByRole('alert')).textContent).toContain(
      'Action « Qualifier » impossible : la demande est au statut « Clôturée ».',
    );
    expect(screen.getByRole('article', { name: 'Changement de statut : Qualifier' })).toBeTruthy();
  });

  it('labels notes and shows, for a citizen record, only the fields that now differ', async () => {
    const citizen = buildCitizen({ version: 3, phone: '0698765432' });
    const entered = { ...buildCitizen(), phone: '0611223344', email: 'jeanne.d@example.fr' };
    const { id: _id, latitude: _lat, longitude: _lon, mergedInto: _m, createdAt: _c, updatedAt: _u, version: _v, ...values } = entered;
    const refusedUpdate = buildRefusal({
      mutationId: 13,
      name: 'citizen.update',
      outcome: 'conflict',
      args: { id: citizen.id, expectedVersion: 1, values },
      error: { code: 'VERSION_CONFLICT', args: { entity: 'citizen', expected: 1, actual: 3 } },
    });
    renderApp(<SyncInboxPage />, {
      agent,
      handlers: inboxHandlers([refusedUpdate, buildRefusal()], {
        'citizen.card': () => ({ citizen, cases: [] }),
      }),
    });
    expect(await screen.findByRole('article', { name: 'Note interne' })).toBeTruthy();
    const entry = screen.getByRole('article', { name: 'Modification de la fiche usager' });
    expect(within(entry).getByText(/Quelqu'un a modifié cette fiche entre-temps/)).toBeTruthy();
    const table = await within(entry).findByRole('table', { name: 'Champs qui diffèrent de votre saisie' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Courriel', 'jeanne.d@example.fr', 'jeanne.dupont@example.fr'],
      ['Téléphone', '06 11 22 33 44', '06 98 76 54 32'],
    ]);
    expect(within(entry).getByRole('link', { name: 'Ouvrir la fiche de Jeanne Dupont' })).toBeTruthy();
  });

  it('says when there is nothing refused', async () => {
    renderApp(<SyncInboxPage />, { agent, handlers: inboxHandlers([]) });
    expect(await screen.findByText('Aucune modification refusée.')).toBeTruthy();
  });
});
