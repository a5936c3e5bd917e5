import { openStatuses } from '../../../src-shared/domain/case-status';
import { parisDate } from '../../../src-shared/domain/deadline';
import { offeredTransitions } from '../../../src-shared/domain/permissions';
import { generateTrackingCode, normalizeTrackingCode } from '../../../src-shared/domain/tracking-code';
import { fail } from '../../../src-shared/errors';
import type { CaseAction } from '../../../src-shared/schemas/procedures';
import type {
  CaseCommentInput,
  CaseListInput,
  CaseOpenInput,
  CaseReassignInput,
  CaseTransferInput,
  CaseUpdateInput,
  CaseTransitionInput,
} from '../../../src-shared/schemas/procedures';
import { caseListInputSchema } from '../../../src-shared/schemas/procedures';
import type { Agent, Case, CaseEvent, Category, Citizen, Department } from '../../../src-shared/schemas/entities';
import type { ReplicaDb } from '../../db/open-replica';
import type { CaseListRow } from '../../repositories/case-repository';
import type { Repositories } from '../../repositories/repositories';
import type { Entropy } from '../../services/identity';
import type { Clock } from '../../../src-shared/domain/clock';
import type { Mutate } from '../../services/services';
import { parseOrFail } from '../../../src-shared/errors';

export interface CaseDetail {
  case: Case;
  events: CaseEvent[];
  citizen: Citizen | null;
  category: Category | null;
  department: Department | null;
  /** The status changes this agent may make now: the state machine's, allowed by the permission table. */
  actions: CaseAction[];
}

export function createCaseService(db: ReplicaDb, repos: Repositories, clock: Clock, entropy: Entropy, mutate: Mutate) {
  function uniqueTrackingCode(): string {
    for (;;) {
      const code = generateTrackingCode(entropy.random);
      if (repos.cases.byTrackingCode(code) === null) return code;
    }
  }

  return {
    open(agent: Agent, input: CaseOpenInput): { id: string; trackingCode: string } {
      return mutate({
        name: 'case.open',
        args: { ...input, id: entropy.id(), trackingCode: uniqueTrackingCode(), eventId: entropy.id() },
        agent,
        now: clock.now(),
      });
    },

    list(agent: Agent, input: CaseListInput): { rows: CaseListRow[]; total: number } {
      const query = parseOrFail(caseListInputSchema, input);
      return repos.cases.list({ ...query, agentId: agent.id, today: parisDate(clock.now()), runningStatuses: runningStatuses() });
    },

    detail(agent: Agent, id: string): CaseDetail {
      const found = repos.cases.byId(id);
      if (found === null) throw fail('CASE_NOT_FOUND', { caseId: id });
      return {
        case: found,
        events: repos.cases.events(id),
        citizen: found.citizenId === null ? null : repos.citizens.byId(found.citizenId),
        category: repos.reference.category(found.categoryId),
        department: repos.reference.departments().find((department) => department.id === found.departmentId) ?? null,
        actions: offeredTransitions(agent, found.status, found.departmentId),
      };
    },

    byTrackingCode(code: string): Case {
      const canonical = normalizeTrackingCode(code);
      if (canonical === null) throw fail('TRACKING_CODE_INVALID', { code });
      const found = repos.cases.byTrackingCode(canonical);
      if (found === null) throw fail('CASE_NOT_FOUND', { caseId: canonical });
      return found;
    },

    transition(agent: Agent, input: CaseTransitionInput): { id: string; status: Case['status'] } {
      return mutate({ name: 'case.transition', args: { ...input, eventId: entropy.id() }, agent, now: clock.now() });
    },

    transfer(agent: Agent, input: CaseTransferInput): { id: string; departmentId: string } {
      return mutate({ name: 'case.transfer', args: { ...input, eventId: entropy.id() }, agent, now: clock.now() });
    },

    update(agent: Agent, input: CaseUpdateInput): { id: string; applied: 'edit' | 'note' } {
      return mutate({ name: 'case.update', args: { ...input, eventId: entropy.id() }, agent, now: clock.now() });
    },

    reassign(agent: Agent, input: CaseReassignInput): { id: string; assigneeId: string } {
      return mutate({ name: 'case.reassign', args: { ...input, eventId: entropy.id() }, agent, now: clock.now() });
    },

    comment(agent: Agent, input: CaseCommentInput): { id: string } {
      return mutate({ name: 'case.comment', args: { ...input, eventId: entropy.id() }, agent, now: clock.now() });
    },
  };
}

/** Cases whose deadline is running (a case waiting for the citizen is paused, so never overdue). */
function runningStatuses(): Case['status'][] {
  return openStatuses.filter((status) => status !== 'waiting_citizen');
}
