import { errorStatus, isGuichetError } from '../../../src-shared/errors';
import type { PushOrigin, PushPreload, PushTx } from '../../sync/store';

export type MemberOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A coded domain or permission refusal: that push's own answer, which leaves the others of its group alone. */
export function isRefusal(error: unknown): boolean {
  return isGuichetError(error) && errorStatus[error.code] !== 'internal';
}

export interface PushMember {
  fn: (tx: PushTx) => Promise<unknown>;
  preload: PushPreload | undefined;
  origin: PushOrigin;
}

/**
 * Opens a transaction, takes the counter lock, then calls `take` for its members (chosen then, so whoever
 * arrived while it waited joins it; an idle service's first push was chosen at once), runs them in order and
 * commits; resolves to each taken member's outcome, or throws when the transaction failed as a whole
 * (nothing of it committed).
 */
export type GroupRunner = (take: () => readonly PushMember[]) => Promise<MemberOutcome[]>;

interface Queued extends PushMember {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * How many members of each origin a group takes at most. A replica's push may carry hundreds of mutations:
 * 32 keeps one group's transaction (and its members' wait) bounded when many clients reconnect at once. A
 * service write is one small row or two (a public answer): hundreds share a transaction, its counter lock,
 * its handful of statements and its commit, which is what lets the public pages take a crowd of answers
 * (bench:voice's central group).
 */
export const groupCaps: Readonly<Record<PushOrigin, number>> = { replica: 32, service: 256 };

/** The queue's first members, in order, up to the first that would pass its origin's cap. */
function nextGroup<M extends { origin: PushOrigin }>(queue: M[], caps: Readonly<Record<PushOrigin, number>>): M[] {
  const taken: Record<PushOrigin, number> = { replica: 0, service: 0 };
  let end = 0;
  for (const member of queue) {
    if (taken[member.origin] === caps[member.origin]) break;
    taken[member.origin]++;
    end++;
  }
  return queue.splice(0, Math.max(end, 1));
}

/**
 * Group commit: pushes arriving while a group is in its transaction wait, then go together in the next
 * one, under one lock acquisition and one commit. An idle service runs a push at once, alone. Once a group
 * holds the counter lock, the next one opens its transaction and queues on the lock while the other writes
 * and commits, and takes its members only when it has the lock in turn: the round trips of its start
 * overlap the last ones of the group before, and whoever arrives meanwhile still joins it. Groups take the
 * lock in the order they started (one waits at a time), so pushes keep their order. When a group fails,
 * its members are run again one by one, so an infrastructure error fails only its own push.
 */
export function createPushSequencer(
  runGroup: GroupRunner,
  caps: Readonly<Record<PushOrigin, number>> = groupCaps,
): <T>(fn: (tx: PushTx) => Promise<T>, preload?: PushPreload, origin?: PushOrigin) => Promise<T> {
  const queue: Queued[] = [];
  // A group started and not holding the lock yet: at most one, so groups lock in the order they started.
  let pending = false;
  // Groups that chose their members and have not settled them all yet.
  let running = 0;
  const settle = (member: Queued, outcome: MemberOutcome | undefined) => {
    if (outcome === undefined) member.reject(new Error('a push group answered fewer outcomes than it had members'));
    else if (outcome.ok) member.resolve(outcome.value);
    else member.reject(outcome.error);
  };
  const runAlone = async (member: Queued) => {
    try {
      settle(member, (await runGroup(() => [member]))[0]);
    } catch (error) {
      member.reject(error);
    }
  };
  const kick = () => {
    if (!pending && queue.length > 0) void startGroup();
  };
  const startGroup = async () => {
    pending = true;
    let members: Queued[] | null = null;
    const choose = () => {
      if (members === null) {
        members = nextGroup(queue, caps);
        running++;
      }
      return members;
    };
    // Nothing to wait behind: the push that woke the service goes at once.
    if (running === 0) choose();
    let locked = false;
    const take = () => {
      if (!locked) {
        locked = true;
        pending = false;
        choose();
        kick();
      }
      return members as Queued[];
    };
    try {
      const outcomes = await runGroup(take);
      (members ?? []).forEach((member, index) => settle(member, outcomes[index]));
    } catch (error) {
      // Failed before the lock (the database unreachable) or as a whole: its members run alone.
      if (!locked) pending = false;
      const group = choose();
      if (group.length === 1) (group[0] as Queued).reject(error);
      else for (const member of group) await runAlone(member);
    } finally {
      if (members !== null) running--;
      kick();
    }
  };
  return <T>(fn: (tx: PushTx) => Promise<T>, preload?: PushPreload, origin: PushOrigin = 'replica') =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, preload, origin, resolve: resolve as (value: unknown) => void, reject });
      kick();
    });
}
