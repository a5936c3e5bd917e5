import { errorStatus, isGuichetError } from '../../../src-shared/errors';
import type { PushPreload, PushTx } from '../../sync/store';

export type MemberOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A coded domain or permission refusal: that push's own answer, which leaves the others of its group alone. */
export function isRefusal(error: unknown): boolean {
  return isGuichetError(error) && errorStatus[error.code] !== 'internal';
}

export interface PushMember {
  fn: (tx: PushTx) => Promise<unknown>;
  preload: PushPreload | undefined;
}

/**
 * Runs members in order in one transaction and commits it; resolves to each member's outcome, or throws
 * when the transaction failed as a whole (nothing of it committed).
 */
export type GroupRunner = (members: readonly PushMember[]) => Promise<MemberOutcome[]>;

interface Queued extends PushMember {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Keeps one group's transaction (and its members' wait) bounded when many clients reconnect at once.
const MAX_MEMBERS = 32;

/**
 * Group commit: pushes arriving while a group is in its transaction wait, then go together in the next
 * one, under one lock acquisition and one commit. An idle service runs a push at once, alone. When a
 * group fails, its members are run again one by one, so an infrastructure error fails only its own push.
 */
export function createPushSequencer(runGroup: GroupRunner): <T>(fn: (tx: PushTx) => Promise<T>, preload?: PushPreload) => Promise<T> {
  const queue: Queued[] = [];
  let draining = false;
  const settle = (member: Queued, outcome: MemberOutcome | undefined) => {
    if (outcome === undefined) member.reject(new Error('a push group answered fewer outcomes than it had members'));
    else if (outcome.ok) member.resolve(outcome.value);
    else member.reject(outcome.error);
  };
  const runAlone = async (member: Queued) => {
    try {
      settle(member, (await runGroup([member]))[0]);
    } catch (error) {
      member.reject(error);
    }
  };
  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_MEMBERS);
      if (group.length === 1) {
        await runAlone(group[0] as Queued);
        continue;
      }
      try {
        const outcomes = await runGroup(group);
        group.forEach((member, index) => settle(member, outcomes[index]));
      } catch {
        for (const member of group) await runAlone(member);
      }
    }
    draining = false;
  };
  return <T>(fn: (tx: PushTx) => Promise<T>, preload?: PushPreload) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, preload, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) void drain();
    });
}
