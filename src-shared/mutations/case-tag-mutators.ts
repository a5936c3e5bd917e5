import { departmentsOf } from '../domain/permissions';
import { fail } from '../errors';
import type { Case } from '../schemas/entities';
import type { CaseTag } from '../schemas/voice';
import { caseTagId } from '../surveys/case-tags';
import { requirePermission } from './case-helpers';
import type { MutationArgs } from './definitions';
import type { Decision, MutatorContext } from './effects';

/**
 * Themes on feedback cases (docs/surveys.md, "Feedback themes"). Whoever may reply to a feedback may file
 * it under a theme (`case.comment`), in the departments they work for only: a tag is replicated to the
 * case's department alone, and its themes are that department's reading of what the public says. A case
 * outside the agent's departments answers as a missing one. A theme is on a case once (its id is the case's
 * and the theme's): adding it again changes nothing, adding it back after it was taken off restores its row.
 */

/** The case whose themes the agent changes, once they may (nothing of the row but its department is read before). */
function caseToTag(ctx: MutatorContext, caseId: string, mutation: 'case.tag' | 'case.untag'): Case {
  const found = ctx.read.case(caseId);
  if (found === null || !departmentsOf(ctx.agent).includes(found.departmentId)) throw fail('CASE_NOT_FOUND', { caseId });
  requirePermission(ctx, mutation, 'case.comment', found.departmentId);
  return found;
}

/** The case's tag of that theme (any spelling of it), taken off or not. */
function tagOf(ctx: MutatorContext, caseId: string, theme: string): { id: string; tag: CaseTag | null } {
  const id = caseTagId(caseId, theme);
  const tag = ctx.read.row('caseTag', id) as CaseTag | null;
  // Another case's row under this id would be a hash collision: never overwritten.
  if (tag !== null && tag.caseId !== caseId) throw fail('ID_TAKEN');
  return { id, tag };
}

/** Files a feedback case under a theme; the same theme again (whatever its case or accents) changes nothing. */
export function tagCase(ctx: MutatorContext, args: MutationArgs<'case.tag'>): Decision<{ id: string }> {
  const current = caseToTag(ctx, args.caseId, 'case.tag');
  if (current.kind !== 'feedback') throw fail('CASE_NOT_FEEDBACK', { caseId: current.id });
  const { id, tag } = tagOf(ctx, current.id, args.theme);
  const at = ctx.now.toISOString();
  if (tag === null) {
    const row: CaseTag = { id, caseId: current.id, theme: args.theme, agentId: ctx.agent.id, createdAt: at, removedAt: null };
    return { effects: [{ op: 'insert', entity: 'caseTag', row }], result: { id } };
  }
  if (tag.removedAt === null) return { effects: [], result: { id } };
  return {
    effects: [{ op: 'update', entity: 'caseTag', id, patch: { theme: args.theme, agentId: ctx.agent.id, createdAt: at, removedAt: null } }],
    result: { id },
  };
}

/** Takes a theme off a case (the row stays, removed); a theme already off changes nothing. */
export function untagCase(ctx: MutatorContext, args: MutationArgs<'case.untag'>): Decision<{ id: string }> {
  const current = caseToTag(ctx, args.caseId, 'case.untag');
  const { id, tag } = tagOf(ctx, current.id, args.theme);
  if (tag === null) throw fail('RESOURCE_NOT_FOUND');
  if (tag.removedAt !== null) return { effects: [], result: { id } };
  return { effects: [{ op: 'update', entity: 'caseTag', id, patch: { removedAt: ctx.now.toISOString() } }], result: { id } };
}
