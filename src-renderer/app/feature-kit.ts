import type { ReactNode } from 'react';
import type { PermissionAction } from '../../src-shared/domain/permissions';
import type { Agent } from '../../src-shared/schemas/entities';
import type { SyncStatus } from '../features/sync/api';

/**
 * What a renderer feature plugs into the app shell, declared in its folder and listed once in
 * src-renderer/features/index.ts: its screens (routes) and its navigation entries (decision 0002).
 */

type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** `{ name }`, a string per `:param` of the path, and `string | null` per optional query field. */
export type RouteOf<Name extends string, Path extends string, Query extends Record<string, QueryField>> = Flatten<
  { name: Name } & { [K in ParamNames<Path>]: string } & {
    [K in keyof Query]: Query[K] extends { required: true } ? string : string | null;
  }
>;

export type QueryField = string | { key: string; parse: (value: string) => string | null; required?: true };

export interface RouteDef<R extends { name: string } = { name: string }> {
  name: R['name'];
  /** `/cases/:id`: literal segments, and `:params` that must look like ids. */
  path: string;
  /**
   * Optional query values by route field: `{ citizenId: 'citizen' }` reads `?citizen=<id>`; a field that is not
   * an id names its own parser (`{ key: 'code', parse }`), which answers null for a value it refuses; a
   * `required` one makes the address not the route's without it (it then reads as not found).
   */
  query: Record<string, QueryField>;
  /** Shown only to agents who may perform it on the citizen file (the permission table), otherwise a refusal. */
  permission: PermissionAction | null;
  render(route: R): ReactNode;
}

export function route<
  const Name extends string,
  const Path extends string,
  const Query extends Record<string, QueryField> = Record<never, string>,
>(def: {
  name: Name;
  path: Path;
  query?: Query;
  permission?: PermissionAction;
  render: (route: RouteOf<Name, Path, Query>) => ReactNode;
}): RouteDef<RouteOf<Name, Path, Query>> {
  return { name: def.name, path: def.path, query: def.query ?? {}, permission: def.permission ?? null, render: def.render };
}

export interface NavEntry<R extends { name: string } = { name: string }> {
  to: R;
  /** i18n key of its label. */
  label: string;
  /** The routes under which it shows as current; its own route by default. */
  matches?: readonly R['name'][];
  /** Offered only to the agents it answers true for (a screen of some departments' agents: survey designers…). */
  shownTo?: (agent: Pick<Agent, 'roles'>) => boolean;
  /** A count beside the label (open refusals…); null hides the entry (no central service, no inbox). */
  count?: { of: (status: SyncStatus) => number | null; label: string };
}

export interface RendererFeature<R extends { name: string } = { name: string }> {
  routes: readonly RouteDef<R>[];
  nav: readonly NavEntry<R>[];
}

type RouteOfDef<D> = D extends RouteDef<infer R> ? R : never;

/** Ties the navigation entries to the feature's own routes, so that an entry cannot lead nowhere. */
export function defineFeature<const Defs extends readonly RouteDef[]>(feature: {
  routes: Defs;
  nav?: readonly NavEntry<RouteOfDef<Defs[number]>>[];
}): RendererFeature<RouteOfDef<Defs[number]>> {
  // Each def is the RouteDef of its own route; the compiler cannot see it through the generic list.
  return { routes: feature.routes as unknown as readonly RouteDef<RouteOfDef<Defs[number]>>[], nav: feature.nav ?? [] };
}

type RouteOfFeature<F> = F extends RendererFeature<infer R> ? R : never;

/** The route union of a list of features. */
export type RouteOfFeatures<Features extends readonly RendererFeature[]> = RouteOfFeature<Features[number]>;

const idPattern = /^[0-9a-f-]{8,64}$/i;

function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** The route `def` reads from the hash's segments and query, or null when they are not its. */
export function matchRoute(def: RouteDef, segments: readonly string[], query: URLSearchParams): { name: string } | null {
  const pattern = pathSegments(def.path);
  if (pattern.length !== segments.length) return null;
  const route: Record<string, string | null> = { name: def.name };
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string;
    if (part.startsWith(':')) {
      if (!idPattern.test(segment)) return null;
      route[part.slice(1)] = segment;
    } else if (part !== segment) return null;
  }
  for (const [field, spec] of Object.entries(def.query)) {
    const value = query.get(queryKey(spec));
    route[field] = value === null ? null : typeof spec === 'string' ? (idPattern.test(value) ? value : null) : spec.parse(value);
    if (route[field] === null && typeof spec !== 'string' && spec.required === true) return null;
  }
  return route as { name: string };
}

function queryKey(spec: QueryField): string {
  return typeof spec === 'string' ? spec : spec.key;
}

/** The hash of a route, `matchRoute`'s inverse. */
export function formatRoute(def: RouteDef, route: Record<string, unknown>): string {
  const path = pathSegments(def.path)
    .map((part) => (part.startsWith(':') ? encodeURIComponent(String(route[part.slice(1)])) : part))
    .join('/');
  const query = Object.entries(def.query)
    .filter(([field]) => route[field] !== null && route[field] !== undefined)
    .map(([field, spec]) => `${queryKey(spec)}=${encodeURIComponent(String(route[field]))}`)
    .join('&');
  return `#/${path}${query === '' ? '' : `?${query}`}`;
}
