import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Agent, Category, Department } from '../../src-shared/schemas/entities';
import { useTRPC } from '../app/trpc';

/** Reference data changes with sync only: read once per session. */
const referenceOptions = { staleTime: Number.POSITIVE_INFINITY } as const;

export function useDepartments(enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.reference.departments.queryOptions(undefined, referenceOptions), enabled });
}

export function useCategories() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.reference.categories.queryOptions(undefined, referenceOptions) });
}

export function useReferenceAgents() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.reference.agents.queryOptions(undefined, referenceOptions) });
}

function byId<T extends { id: string }>(items: readonly T[] | undefined): ReadonlyMap<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

export function useDepartmentMap(enabled = true): ReadonlyMap<string, Department> {
  const { data } = useDepartments(enabled);
  return useMemo(() => byId(data), [data]);
}

export function useCategoryMap(): ReadonlyMap<string, Category> {
  const { data } = useCategories();
  return useMemo(() => byId(data), [data]);
}

export function useAgentMap(): ReadonlyMap<string, Agent> {
  const { data } = useReferenceAgents();
  return useMemo(() => byId(data), [data]);
}
