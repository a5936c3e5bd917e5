import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NewCitizenPage } from '../../src-renderer/features/citizens';
import { buildAgent, buildCitizen } from './fixtures';
import { guichetError, renderApp, type Handlers } from './render-app';

const existing = buildCitizen();

function type(label: string, value: string) {
  fireEvent.change(screen.getByRole('textbox', { name: new RegExp(`^${label}`) }), { target: { value } });
}

function describedBy(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('new citizen form', () => {
  it('shows the server’s validation issues next to their fields and keeps everything typed', async () => {
    const handlers: Handlers = {
      'citizen.similar': () => [],
      'citizen.create': () => {
        throw guichetError({
          code: 'VALIDATION_FAILED',
          args: { issues: [{ path: 'address.city', code: 'too_big', params: { maximum: 120 } }] },
        });
      },
    };
    const { calls } = renderApp(<NewCitizenPage />, { agent: buildAgent(), handlers });
    type('Prénom', 'Jeanne');
    type('Nom', 'Dupont');
    type('Numéro et voie', '12 rue des Lilas');
    type('Code postal', '75011');
    type('Commune', 'Paris');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la fiche' }));

    const city = screen.getByRole('textbox', { name: /^Commune/ });
    await waitFor(() => expect(city.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(city)).toContain('Trop long (maximum 120).');
    expect(screen.getByRole('alert').textContent).toContain('Certains champs sont à corriger.');
    expect((screen.getByRole('textbox', { name: /^Prénom/ }) as HTMLInputElement).value).toBe('Jeanne');
    expect((city as HTMLInputElement).value).toBe('Paris');
    expect(calls.find((call) => call.path === 'citizen.create')?.input).toMatchObject({
      firstName: 'Jeanne',
      address: { line1: '12 rue des Lilas', line2: null, postalCode: '75011', city: 'Paris' },
    });
  });

  it('checks the fields before sending anything', async () => {
    const { calls } = renderApp(<NewCitizenPage />, { agent: buildAgent(), handlers: { 'citizen.similar': () => [] } });
    type('Prénom', 'Jeanne');
    type('Nom', 'Dupont');
    type('Téléphone', '12');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la fiche' }));
    const phone = screen.getByRole('textbox', { name: /^Téléphone/ });
    await waitFor(() => expect(describedBy(phone)).toContain('Numéro de téléphone invalide'));
    expect(calls.some((call) => call.path === 'citizen.create')).toBe(false);
  });

  it('warns while typing that the person may already exist, with the reasons and a way to open that record', async () => {
    const handlers: Handlers = {
      'citizen.similar': (input) =>
        (input as { email: string | null }).email === existing.email ? [{ citizen: existing, reasons: ['email'] }] : [],
    };
    renderApp(<NewCitizenPage />, { agent: buildAgent(), handlers });
    type('Courriel', existing.email ?? '');

    const warning = await screen.findByRole('status', {}, { timeout: 2000 });
    expect(within(warning).getByText('Cet usager existe peut-être déjà')).toBeTruthy();
    expect(within(warning).getByText('Même adresse de courriel')).toBeTruthy();
    const open = within(warning).getByRole('link', { name: 'Ouvrir la fiche de Jeanne Dupont' });
    expect(open.getAttribute('href')).toBe(`#/citizens/${existing.id}`);
  });
});
