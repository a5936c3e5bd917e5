import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { CaseTag } from '../../../src-shared/schemas/voice';
import { caseTagId, themeKey } from '../../../src-shared/surveys/case-tags';
import { agents, buildCase, contextFor, ids, refusal, run } from './mutator-world';

const at = '2026-03-02T10:00:00.000Z';
const feedback = buildCase({ kind: 'feedback', subject: 'Avis sur la piscine' });
const tagId = caseTagId(ids.case, 'Horaires');
const tag: CaseTag = { id: tagId, caseId: ids.case, theme: 'Horaires', agentId: ids.field, createdAt: at, removedAt: null };

const as = (actor: Agent, tags: CaseTag[] = [], kase = feedback) => contextFor(actor, { cases: [kase], rows: { caseTag: tags } });
/** A counter agent of État civil only: `case.comment` reaches every department for them, but Voirie is not theirs. */
const deskElsewhere: Agent = { ...agents.civilClerk, id: ids.civilClerk, roles: [{ departmentId: ids.etatCivil, role: 'counter' }] };

describe('themeKey and caseTagId', () => {
  it('makes one theme of every spelling of it, and one id a case and theme', () => {
    expect(themeKey('  HORAIRES  d’été ')).toBe(themeKey('horaires d’ete'));
    expect(caseTagId(ids.case, 'Horaires')).toBe(caseTagId(ids.case, ' horaires'));
    expect(caseTagId(ids.case, 'Horaires')).not.toBe(caseTagId(ids.newCase, 'Horaires'));
    expect(caseTagId(ids.case, 'Horaires')).not.toBe(caseTagId(ids.case, 'Accueil'));
  });
});

describe('case.tag', () => {
  it('files a feedback case under a trimmed theme, for any agent of its department', () => {
    for (const actor of [agents.field, agents.counter, agents.supervisor]) {
      expect(run(as(actor), 'case.tag', { caseId: ids.case, theme: '  Horaires ' })).toEqual({
        effects: [{ op: 'insert', entity: 'caseTag', row: { ...tag, agentId: actor.id } }],
        result: { id: tagId },
      });
    }
  });

  it('changes nothing for a theme already on the case, whatever its spelling', () => {
    expect(run(as(agents.supervisor, [tag]), 'case.tag', { caseId: ids.case, theme: 'HORAIRES' })).toEqual({
      effects: [],
      result: { id: tagId },
    });
  });

  it('restores a theme taken off, in its new spelling', () => {
    const removed = { ...tag, removedAt: '2026-02-28T10:00:00.000Z' };
    expect(run(as(agents.counter, [removed]), 'case.tag', { caseId: ids.case, theme: 'horaires' }).effects).toEqual([
      { op: 'update', entity: 'caseTag', id: tagId, patch: { theme: 'horaires', agentId: ids.counter, createdAt: at, removedAt: null } },
    ]);
  });

  it.each<[string, Agent, object, object]>([
    [
      'a case that is not feedback',
      agents.field,
      { kase: buildCase({ kind: 'report' }) },
      { code: 'CASE_NOT_FEEDBACK', args: { caseId: ids.case } },
    ],
    // Outside its departments, a case answers as one that does not exist, even to the desk that may reply anywhere.
    ['an agent of another department', agents.civilClerk, {}, { code: 'CASE_NOT_FOUND', args: { caseId: ids.case } }],
    ['a counter agent of another department', deskElsewhere, {}, { code: 'CASE_NOT_FOUND', args: { caseId: ids.case } }],
    ['a case it cannot find', agents.field, { caseId: ids.unknown }, { code: 'CASE_NOT_FOUND', args: { caseId: ids.unknown } }],
    ['an empty theme', agents.field, { theme: '   ' }, { code: 'VALIDATION_FAILED' }],
    ['a theme over 80 characters', agents.field, { theme: 'x'.repeat(81) }, { code: 'VALIDATION_FAILED' }],
    ['a theme with a NUL', agents.field, { theme: 'Hor\u0000aires' }, { code: 'VALIDATION_FAILED' }],
    ['a theme with a lone surrogate', agents.field, { theme: 'Horaires \uD800' }, { code: 'VALIDATION_FAILED' }],
  ])('refuses %s', (_label, actor, change, error) => {
    const { kase, ...args } = change as { kase?: typeof feedback };
    expect(refusal(as(actor, [], kase), 'case.tag', { caseId: ids.case, theme: 'Horaires', ...args })).toMatchObject(error);
  });
});

describe('case.untag', () => {
  it('takes a theme off (the row stays), and changes nothing when it is already off', () => {
    expect(run(as(agents.field, [tag]), 'case.untag', { caseId: ids.case, theme: 'horaires' }).effects).toEqual([
      { op: 'update', entity: 'caseTag', id: tagId, patch: { removedAt: at } },
    ]);
    expect(run(as(agents.field, [{ ...tag, removedAt: at }]), 'case.untag', { caseId: ids.case, theme: 'Horaires' }).effects).toEqual([]);
  });

  it('takes a theme off a case that is no longer feedback (its category changed)', () => {
    expect(
      run(as(agents.field, [tag], buildCase({ kind: 'request' })), 'case.untag', { caseId: ids.case, theme: 'Horaires' }).effects,
    ).toHaveLength(1);
  });

  it.each<[string, Agent, CaseTag[], string]>([
    ['a theme the case does not have', agents.field, [], 'RESOURCE_NOT_FOUND'],
    ['an agent of another department', agents.civilClerk, [tag], 'CASE_NOT_FOUND'],
    ['a counter agent of another department', deskElsewhere, [tag], 'CASE_NOT_FOUND'],
  ])('refuses %s', (_label, actor, tags, code) => {
    expect(refusal(as(actor, tags), 'case.untag', { caseId: ids.case, theme: 'Horaires' })).toMatchObject({ code });
  });
});
