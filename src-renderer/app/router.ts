import { useSyncExternalStore } from 'react';
import { features } from '../features';
import { formatRoute, matchRoute, type RouteDef, type RouteOfFeatures } from './feature-kit';

/**
 * A small hash router: the workspace has a handful of screens and must also run from `file://` in
 * Electron, where only the hash is ours. Routes are data, declared by each feature (src-renderer/features);
 * `parseHash` and `routeHref` are inverse.
 */
export type Route = RouteOfFeatures<ReturnType<typeof features>> | { name: 'notFound'; path: string };

export type RouteName = Route['name'];

/** Every feature's routes by name; built on first use (the features import this module: no work at load). */
let byName: Map<string, RouteDef> | null = null;

export function routeDefs(): Map<string, RouteDef> {
  if (byName === null) {
    byName = new Map();
    for (const feature of features()) {
      for (const def of feature.routes as readonly RouteDef[]) {
        if (byName.has(def.name)) throw new Error(`Two routes are named "${def.name}"`);
        byName.set(def.name, def);
      }
    }
  }
  return byName;
}

function splitHash(hash: string): { segments: string[]; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeURIComponent);
  return { segments, query: new URLSearchParams(search) };
}

export function parseHash(hash: string): Route {
  const { segments, query } = splitHash(hash);
  for (const def of routeDefs().values()) {
    const route = matchRoute(def, segments, query);
    if (route !== null) return route as Route;
  }
  return { name: 'notFound', path: `/${segments.join('/')}` };
}

export function routeHref(route: Route): string {
  if (route.name === 'notFound') return `#${route.path}`;
  const def = routeDefs().get(route.name);
  if (def === undefined) throw new Error(`No route is named "${route.name}"`);
  return formatRoute(def, route);
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
