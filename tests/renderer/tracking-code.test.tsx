import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrackingCodeDisplay } from '../../src-renderer/features/cases';
import { renderApp } from './render-app';

describe('tracking code after saving a case', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is the page heading, in monospace, and copies to the clipboard in one click', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp(<TrackingCodeDisplay code="K7MP-3QXZ" />);

    const heading = screen.getByRole('heading', { level: 1, name: 'K7MP-3QXZ' });
    expect(heading.style.fontFamily === '' ? getComputedStyle(heading).fontFamily : heading.style.fontFamily).toMatch(/monospace/);
    expect(screen.getByText("Numéro de suivi à communiquer à l'usager")).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copier le numéro de suivi' }));
      await Promise.resolve();
    });
    expect(writeText).toHaveBeenCalledWith('K7MP-3QXZ');
    expect(screen.getByRole('button', { name: 'Numéro copié' })).toBeTruthy();
    expect(screen.getByText('Numéro de suivi K7MP-3QXZ copié dans le presse-papiers.')).toBeTruthy();
  });

  it('speaks English when the agent chose it', () => {
    renderApp(<TrackingCodeDisplay code="K7MP-3QXZ" />, { language: 'en' });
    expect(screen.getByRole('button', { name: 'Copy the tracking code' })).toBeTruthy();
  });
});
