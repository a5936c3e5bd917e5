import type { CollectorStats } from '../../src-shared/schemas/surveys';
import type { InvitationCounts } from './invitation-repository';

/** The stats a collector should show: its invitations counted, and why it cannot go on (or null). */
export function statsFrom(counts: InvitationCounts | undefined, problem: string | null): CollectorStats {
  return {
    recipients: counts?.recipients ?? 0,
    sent: counts?.sent ?? 0,
    failed: counts?.failed ?? 0,
    reminded: counts?.reminded ?? 0,
    unsubscribed: counts?.unsubscribed ?? 0,
    responded: counts?.responded ?? 0,
    problem,
  };
}

export function sameStats(a: CollectorStats, b: CollectorStats): boolean {
  return (
    a.recipients === b.recipients &&
    a.sent === b.sent &&
    a.failed === b.failed &&
    a.reminded === b.reminded &&
    a.unsubscribed === b.unsubscribed &&
    a.responded === b.responded &&
    a.problem === b.problem
  );
}
