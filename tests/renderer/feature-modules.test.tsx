import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defineFeature, formatRoute, matchRoute, route, type NavEntry, type RouteDef } from '../../src-renderer/app/feature-kit';
import { createI18n } from '../../src-renderer/app/i18n';
import { routeHref, type Route } from '../../src-renderer/app/router';
import { MainNav } from '../../src-renderer/app/shell/MainNav';
import { features } from '../../src-renderer/features';
import { buildAgent, buildSyncStatus, voirie } from './fixtures';
import { renderApp } from './render-app';

const id = '0190a000-0000-7000-8000-0000000000d1';
const { t } = createI18n({ language: 'fr', documentElement: document.documentElement });
const counter = buildAgent();
const field = buildAgent({ roles: [{ departmentId: voirie.id, role: 'field' }] });
/** Offered every entry: the desk everywhere, and Voirie's surveys to design. */
const counterAndSupervisor = buildAgent({ roles: [...counter.roles, { departmentId: voirie.id, role: 'supervisor' }] });

/** A feature as a test folder would declare it: its routes and its entry, nothing written elsewhere. */
const boardFeature = defineFeature({
  routes: [
    route({ name: 'boardPost', path: '/board/:id', query: { authorId: 'author' }, render: (to) => <p>post {to.id}</p> }),
    route({ name: 'board', path: '/board', permission: 'citizen.create', render: () => <p>board</p> }),
  ],
  nav: [{ to: { name: 'board' }, label: 'nav.desk', matches: ['board', 'boardPost'] }],
});

afterEach(() => window.history.replaceState(null, '', '/'));

describe('feature modules (renderer)', () => {
  it("reads and writes a declared feature's addresses from its path and query alone", () => {
    const [post, board] = boardFeature.routes as readonly RouteDef[] as [RouteDef, RouteDef];
    const query = new URLSearchParams(`author=${id}`);
    expect(matchRoute(post, ['board', id], query)).toEqual({ name: 'boardPost', id, authorId: id });
    expect(matchRoute(post, ['board', id], new URLSearchParams())).toEqual({ name: 'boardPost', id, authorId: null });
    expect(matchRoute(post, ['board', 'not an id'], query)).toBeNull();
    expect(matchRoute(post, ['board', id, 'extra'], query)).toBeNull();
    expect(matchRoute(board, ['board'], query)).toEqual({ name: 'board' });
    expect(formatRoute(post, { name: 'boardPost', id, authorId: id })).toBe(`#/board/${id}?author=${id}`);
    expect(formatRoute(post, { name: 'boardPost', id, authorId: null })).toBe(`#/board/${id}`);
    expect(board.permission).toBe('citizen.create');
  });

  it("shows every listed feature's navigation entries, in the list's order, each leading to its route", async () => {
    const current: Route = { name: 'case', id };
    renderApp(<MainNav current={current} status={buildSyncStatus({ configured: true, inbox: 2 })} />, { agent: counterAndSupervisor });

    const entries = features().flatMap((feature) => feature.nav as readonly NavEntry[]);
    const links = await screen.findAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(entries.map((entry) => routeHref(entry.to as Route)));
    for (const [index, entry] of entries.entries()) expect(links[index]?.textContent).toContain(t(entry.label));
    // The cases entry stands for a case's page too (its `matches`).
    expect(links.filter((link) => link.getAttribute('aria-current') === 'page').map((link) => link.getAttribute('href'))).toEqual([
      routeHref({ name: 'cases' }),
    ]);
  });

  it('leaves out the entries whose route needs a permission the agent lacks, those not shown to the agent, and the inbox without a central service', async () => {
    renderApp(<MainNav current={{ name: 'desk' }} status={buildSyncStatus({ configured: false })} />, { agent: field });

    const hrefs = (await screen.findAllByRole('link')).map((link) => link.getAttribute('href'));
    // A field agent holds no citizen file (no "Nouvel usager"), reads their department's surveys, enters answers (meetings)
    // and reads its synthesis (indicators, outcomes), but designs no survey.
    expect(hrefs).toEqual([
      routeHref({ name: 'desk' }),
      routeHref({ name: 'cases' }),
      routeHref({ name: 'newCase', citizenId: null }),
      routeHref({ name: 'surveys' }),
      routeHref({ name: 'surveyEntry', surveyId: null, citizenId: null }),
      routeHref({ name: 'indicators' }),
      routeHref({ name: 'outcomes' }),
    ]);
  });
});
