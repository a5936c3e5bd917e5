import type { AnyRouter } from '@trpc/server';
import type { ReplicaDb } from '../db/open-replica';
import type { Repositories } from '../repositories/repositories';
import type { Entropy } from '../services/identity';
import type { Clock } from '../../src-shared/domain/clock';
import type { Mutate } from '../services/services';
import type { SyncService } from '../sync/sync-service';

/** What a feature's services are built from: the replica, its repositories and the workspace's plumbing. */
export interface FeatureDeps {
  db: ReplicaDb;
  repos: Repositories;
  clock: Clock;
  entropy: Entropy;
  mutate: Mutate;
  sync: SyncService;
  /** The central service to sync with; null: this replica works alone. */
  centralUrl: string | null;
}

export type ServiceFactories = Record<string, (deps: FeatureDeps) => unknown>;

/**
 * A feature of the workspace's main core, declared in its folder (src-main/features/<feature>/index.ts) and
 * listed once in src-main/features/index.ts: its procedures' namespace and router, and the services it adds
 * to the container (each one also typed into `Services` from the same folder, see decision 0002).
 */
export interface MainFeature<
  Namespace extends string = string,
  R extends AnyRouter = AnyRouter,
  S extends ServiceFactories = ServiceFactories,
> {
  /** The renderer calls its procedures as `trpc.<namespace>.<procedure>`. */
  namespace: Namespace;
  router: R;
  services: S;
}

/** Keeps the namespace and the router's type exact (the renderer's `AppRouter` is inferred from them). */
export function defineMainFeature<const Namespace extends string, R extends AnyRouter, S extends ServiceFactories>(
  feature: MainFeature<Namespace, R, S>,
): MainFeature<Namespace, R, S> {
  return feature;
}

/** `{ [namespace]: router }` of a list of features: what the root router is made of. */
export type RoutersOf<Features extends readonly MainFeature[]> = {
  [F in Features[number] as F['namespace']]: F['router'];
};

type FactoriesOf<Features extends readonly MainFeature[]> = Features[number]['services'];
type KeysOfUnion<T> = T extends unknown ? keyof T & string : never;

/** The services a list of features builds, by name, with their exact types. */
export type ServicesOf<Features extends readonly MainFeature[]> = {
  [K in KeysOfUnion<FactoriesOf<Features>>]: ReturnType<Extract<FactoriesOf<Features>, Record<K, unknown>>[K]>;
};

export function routersOf<const Features extends readonly MainFeature[]>(features: Features): RoutersOf<Features> {
  const routers: Record<string, AnyRouter> = {};
  for (const feature of features) {
    if (feature.namespace in routers) throw new Error(`Two features claim the namespace "${feature.namespace}"`);
    routers[feature.namespace] = feature.router;
  }
  return routers as RoutersOf<Features>;
}

/**
 * Builds every feature's services in list order, then those of `extra` (a test's features, typed by the test);
 * a factory sees the deps only, never another feature's services.
 */
export function createFeatureServices<const Features extends readonly MainFeature[]>(
  features: Features,
  extra: readonly MainFeature[],
  deps: FeatureDeps,
): ServicesOf<Features> {
  const services: Record<string, unknown> = {};
  for (const feature of [...features, ...extra]) {
    for (const [name, create] of Object.entries(feature.services)) {
      if (name in services) throw new Error(`Two features provide the service "${name}"`);
      services[name] = create(deps);
    }
  }
  return services as ServicesOf<Features>;
}
