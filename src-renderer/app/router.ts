import { useSyncExternalStore } from 'react';
import { normalizeTrackingCode } from '../../src-shared/domain/tracking-code';

/**
 * A small hash router: the workspace has a handful of screens and must also run from `file://` in
 * Electron, where only the hash is ours. Routes are data; `parseHash` and `routeHref` are inverse.
 */
export type Route =
  | { name: 'desk' }
  | { name: 'cases' }
  | { name: 'newCase'; citizenId: string | null }
  | { name: 'case'; id: string }
  /** A case just saved, its tracking code shown large; a place of its own, so "Nouvelle demande" leaves it. */
  | { name: 'caseCreated'; id: string; trackingCode: string; citizenId: string | null }
  | { name: 'newCitizen' }
  | { name: 'citizen'; id: string }
  | { name: 'editCitizen'; id: string }
  | { name: 'syncInbox' }
  | { name: 'notFound'; path: string };

export type RouteName = Route['name'];

const idPattern = /^[0-9a-f-]{8,64}$/i;

function splitHash(hash: string): { segments: string[]; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeURIComponent);
  return { segments, query: new URLSearchParams(search) };
}

function idRoute<N extends 'case' | 'citizen' | 'editCitizen'>(name: N, id: string | undefined, path: string): Route {
  return id !== undefined && idPattern.test(id) ? ({ name, id } as Route) : { name: 'notFound', path };
}

function optionalId(value: string | null): string | null {
  return value !== null && idPattern.test(value) ? value : null;
}

function createdRoute(id: string | undefined, query: URLSearchParams, path: string): Route {
  const trackingCode = normalizeTrackingCode(query.get('code') ?? '');
  if (id === undefined || !idPattern.test(id) || trackingCode === null) return { name: 'notFound', path };
  return { name: 'caseCreated', id, trackingCode, citizenId: optionalId(query.get('citizen')) };
}

export function parseHash(hash: string): Route {
  const { segments, query } = splitHash(hash);
  const path = `/${segments.join('/')}`;
  const [first, second, third] = segments;
  if (segments.length === 0) return { name: 'desk' };
  if (first === 'cases') {
    if (second === undefined) return { name: 'cases' };
    if (second === 'new' && third === undefined) {
      return { name: 'newCase', citizenId: optionalId(query.get('citizen')) };
    }
    if (third === undefined) return idRoute('case', second, path);
    if (third === 'created' && segments.length === 3) return createdRoute(second, query, path);
  }
  if (first === 'citizens') {
    if (second === 'new' && third === undefined) return { name: 'newCitizen' };
    if (third === undefined) return idRoute('citizen', second, path);
    if (third === 'edit' && segments.length === 3) return idRoute('editCitizen', second, path);
  }
  if (first === 'sync-inbox' && second === undefined) return { name: 'syncInbox' };
  return { name: 'notFound', path };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'desk':
      return '#/';
    case 'cases':
      return '#/cases';
    case 'newCase':
      return route.citizenId === null ? '#/cases/new' : `#/cases/new?citizen=${encodeURIComponent(route.citizenId)}`;
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'caseCreated': {
      const query = new URLSearchParams({ code: route.trackingCode });
      if (route.citizenId !== null) query.set('citizen', route.citizenId);
      return `#/cases/${encodeURIComponent(route.id)}/created?${query.toString()}`;
    }
    case 'newCitizen':
      return '#/citizens/new';
    case 'citizen':
      return `#/citizens/${encodeURIComponent(route.id)}`;
    case 'editCitizen':
      return `#/citizens/${encodeURIComponent(route.id)}/edit`;
    case 'syncInbox':
      return '#/sync-inbox';
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = (): string => window.location.hash;

/** The current route; re-renders on every hash change (back/forward included). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return parseHash(hash);
}
