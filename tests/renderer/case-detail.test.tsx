import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Case, CaseEvent } from '../../src-shared/schemas/entities';
import { CaseDetailPage } from '../../src-renderer/features/cases';
import { buildAgent, voirie } from './fixtures';
import { guichetError, renderApp, type Handlers } from './render-app';

const supervisor = buildAgent({ name: 'Responsable Voirie', roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
const caseId = '0190a000-0000-7000-8000-0000000000d1';

function buildCase(overrides: Partial<Case> = {}): Case {
  return {
    id: caseId,
    trackingCode: 'K7MP-3QXZ',
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
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    parentId: null,
    duplicateOfId: null,
    deadline: '2099-12-01',
    deadlinePausedAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    closedAt: null,
    version: 1,
    ...overrides,
  };
}

function detailHandlers(status: () => Case['status'], transition: Handlers[string]): Handlers {
  return {
    'case.detail': () => ({
      case: buildCase({ status: status() }),
      events: [],
      citizen: null,
      category: null,
      department: voirie,
      actions: status() === 'new' ? ['qualify', 'reject', 'cancel'] : ['assign', 'take'],
    }),
    'reference.agents': () => [supervisor],
    'case.transition': transition,
    'survey.caseFeedback': () => [],
    'voice.caseThemes': () => ({ themes: [], suggestions: [], editable: true }),
  };
}

describe('case detail transitions', () => {
  it('sends the status on screen, and on STATUS_CHANGED shows why and re-reads the case', async () => {
    let status: Case['status'] = 'new';
    const { calls } = renderApp(<CaseDetailPage id={caseId} />, {
      agent: supervisor,
      handlers: detailHandlers(
        () => status,
        () => {
          status = 'qualified';
          throw guichetError({ code: 'STATUS_CHANGED', args: { expected: 'new', actual: 'qualified' } });
        },
      ),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Qualifier' }));

    expect((await screen.findByRole('alert')).textContent).toContain('La demande a changé de statut entre-temps');
    expect(calls.find((call) => call.path === 'case.transition')?.input).toEqual({
      caseId,
      action: 'qualify',
      expectedStatus: 'new',
    });
    // Re-read: the actions of the new status replace the old ones.
    expect(await screen.findByRole('button', { name: 'Prendre en charge' })).toBeTruthy();
    expect(calls.filter((call) => call.path === 'case.detail').length).toBeGreaterThanOrEqual(2);
  });

  it('asks for the comment a rule needs before rejecting, and keeps it when the server refuses', async () => {
    let attempts = 0;
    const { calls } = renderApp(<CaseDetailPage id={caseId} />, {
      agent: supervisor,
      handlers: detailHandlers(
        () => 'new',
        () => {
          attempts += 1;
          if (attempts === 1) throw guichetError({ code: 'INTERNAL', args: { reference: 'disk full' } });
          return { id: caseId, status: 'rejected' };
        },
      ),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Rejeter' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rejeter' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rejeter' }));
    expect(within(dialog).getByText('Champ obligatoire.')).toBeTruthy();
    expect(calls.some((call) => call.path === 'case.transition')).toBe(false);

    const comment = within(dialog).getByRole('textbox', { name: /^Commentaire/ });
    fireEvent.change(comment, { target: { value: 'Doublon du signalement K7MP-3QXZ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rejeter' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('disk full');
    expect((comment as HTMLTextAreaElement).value).toBe('Doublon du signalement K7MP-3QXZ');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Rejeter' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((call) => call.path === 'case.transition').at(-1)?.input).toEqual({
      caseId,
      action: 'reject',
      expectedStatus: 'new',
      assigneeId: null,
      comment: 'Doublon du signalement K7MP-3QXZ',
    });
  });

  it('says on each public reply whether it was emailed to the feedback’s author', async () => {
    const reply = (id: string, body: string, delivery: string): CaseEvent => ({
      id,
      caseId,
      type: 'public_reply',
      at: '2026-11-21T10:00:00.000Z',
      agentId: supervisor.id,
      data: { body, delivery },
    });
    const handlers = detailHandlers(
      () => 'new',
      () => ({ id: caseId, status: 'new' }),
    );
    handlers['case.detail'] = () => ({
      case: buildCase({ kind: 'feedback' }),
      events: [
        reply('0190a000-0000-7000-8000-0000000000f1', 'Merci pour votre avis.', 'sent'),
        reply('0190a000-0000-7000-8000-0000000000f2', 'Nous regardons.', 'failed'),
        reply('0190a000-0000-7000-8000-0000000000f3', 'C’est noté.', 'none'),
        reply('0190a000-0000-7000-8000-0000000000f4', 'En cours.', 'pending'),
      ],
      citizen: null,
      category: null,
      department: voirie,
      actions: [],
    });
    renderApp(<CaseDetailPage id={caseId} />, { agent: supervisor, handlers });
    const timeline = await screen.findByRole('region', { name: 'Historique' });
    await within(timeline).findByText('Merci pour votre avis.');
    expect(within(timeline).getByText('Envoyée par email à l’auteur de l’avis.')).toBeTruthy();
    expect(within(timeline).getByText('L’email à l’auteur de l’avis n’a pas pu être envoyé.')).toBeTruthy();
    expect(within(timeline).getByText(/^Non envoyée par email/)).toBeTruthy();
    expect(within(timeline).getByText('Pas encore envoyée (notifications à venir).')).toBeTruthy();
  });
});
