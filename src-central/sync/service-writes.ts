import type { Effect } from '../../src-shared/mutations';
import type { Clock } from '../../src-shared/domain/clock';
import type { ChangeNotice } from '../bus';
import type { PushPreload, PushTx, SyncStore } from './store';

/** What a service write decides, in the push transaction, from what it reads there. */
export interface ServiceDecision<T> {
  effects: readonly Effect[];
  result: T;
}

/**
 * Rows the service writes itself rather than an agent's mutation: a citizen's answer on a public page, a
 * campaign's progress, an unsubscribe. Each write is a member of a push group like any agent's push: it reads
 * in the transaction, takes the next version, writes its effects through the store's interpreter (audited
 * with no agent, as `action`) and pokes the departments it changed once committed. `decide` throwing writes
 * nothing. `preload` names the rows `decide` will read: a group of writes loads them in one query per entity.
 */
export type ServiceWriter = <T>(action: string, decide: (tx: PushTx) => Promise<ServiceDecision<T>>, preload?: PushPreload) => Promise<T>;

export function createServiceWriter(store: SyncStore, publish: (notice: ChangeNotice) => Promise<void>, clock: Clock): ServiceWriter {
  return async (action, decide, preload) => {
    const outcome = await store.push(
      async (tx) => {
        const { effects, result } = await decide(tx);
        if (effects.length === 0) return { result, changed: null };
        const version = await tx.nextVersion();
        const at = clock.now().toISOString();
        const { departments } = await tx.apply(effects, { version, agentId: null, at, action, clientId: null, mutationId: null });
        return { result, changed: { departments, version } };
      },
      preload,
      'service',
    );
    if (outcome.changed !== null) await publish(outcome.changed);
    return outcome.result;
  };
}
