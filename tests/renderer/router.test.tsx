import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navigate, parseHash, routeHref, useRoute, type Route } from '../../src-renderer/app/router';
import { generateTrackingCode } from '../../src-shared/domain/tracking-code';

const id = '0190a000-0000-7000-8000-0000000000d1';
const citizenId = '0190a000-0000-7000-8000-0000000000c1';
const code = generateTrackingCode(() => 0.5);

describe('hash router', () => {
  it.each<[string, Route]>([
    ['', { name: 'desk' }],
    ['#/', { name: 'desk' }],
    ['#/cases', { name: 'cases' }],
    ['#/cases/new', { name: 'newCase', citizenId: null }],
    [`#/cases/new?citizen=${id}`, { name: 'newCase', citizenId: id }],
    [`#/cases/${id}`, { name: 'case', id }],
    [`#/cases/${id}/created?code=${code}`, { name: 'caseCreated', id, trackingCode: code, citizenId: null }],
    [`#/cases/${id}/created?code=${code.toLowerCase()}&citizen=${citizenId}`, { name: 'caseCreated', id, trackingCode: code, citizenId }],
    ['#/citizens/new', { name: 'newCitizen' }],
    [`#/citizens/${id}`, { name: 'citizen', id }],
    [`#/citizens/${id}/edit`, { name: 'editCitizen', id }],
    ['#/sync-inbox', { name: 'syncInbox' }],
  ])('reads %s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each([
    '#/nowhere',
    '#/cases/not an id!',
    `#/cases/${id}/created`,
    `#/cases/${id}/created?code=HHHH-HHHH`,
    `#/citizens/${id}/delete`,
    '#/cases/new/extra',
    '#/sync-inbox/1',
  ])('sends %s to not found', (hash) => {
    expect(parseHash(hash).name).toBe('notFound');
  });

  it('formats every route so that parsing gives it back', () => {
    const routes: Route[] = [
      { name: 'desk' },
      { name: 'cases' },
      { name: 'newCase', citizenId: null },
      { name: 'newCase', citizenId: id },
      { name: 'case', id },
      { name: 'caseCreated', id, trackingCode: code, citizenId: null },
      { name: 'caseCreated', id, trackingCode: code, citizenId },
      { name: 'newCitizen' },
      { name: 'citizen', id },
      { name: 'editCitizen', id },
      { name: 'syncInbox' },
    ];
    for (const route of routes) expect(parseHash(routeHref(route))).toEqual(route);
  });

  it('re-renders on navigation and on back/forward', async () => {
    function Where() {
      const route = useRoute();
      return <p>{route.name === 'case' ? `case ${route.id}` : route.name}</p>;
    }
    render(<Where />);
    expect(screen.getByText('desk')).toBeTruthy();
    await act(async () => {
      navigate({ name: 'case', id });
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    });
    expect(screen.getByText(`case ${id}`)).toBeTruthy();
    await act(async () => {
      window.location.hash = '#/cases';
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    });
    expect(screen.getByText('cases')).toBeTruthy();
  });
});
