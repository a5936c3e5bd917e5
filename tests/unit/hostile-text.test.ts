import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../../src-shared/errors';
import { mutationArgsSchemas, type MutationName } from '../../src-shared/mutations';
import { signInInputSchema } from '../../src-shared/schemas/auth';
import { argsShapeIssue, MAX_ARGS_DEPTH, MAX_ARGS_JSON_LENGTH } from '../../src-shared/sync';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const address = { line1: '3 rue des Lilas', line2: 'Bâtiment B', postalCode: '75011', city: 'Rivebelle' };
const citizen = { firstName: 'Léa', lastName: 'Martin', email: 'lea@exemple.fr', phone: '06 12 34 56 78', address };

/** Valid arguments of every mutation, and the path of each free text the agent types in them. */
const mutations: { name: MutationName; args: Record<string, unknown>; texts: string[] }[] = [
  {
    name: 'citizen.create',
    args: { id: id(1), ...citizen },
    texts: ['firstName', 'lastName', 'email', 'phone', 'address.line1', 'address.line2', 'address.postalCode', 'address.city'],
  },
  {
    name: 'citizen.update',
    args: { id: id(1), expectedVersion: 1, values: citizen },
    texts: [
      'values.firstName',
      'values.lastName',
      'values.email',
      'values.phone',
      'values.address.line1',
      'values.address.line2',
      'values.address.postalCode',
      'values.address.city',
    ],
  },
  {
    name: 'case.open',
    args: {
      id: id(2),
      trackingCode: 'K7QM-3XPA',
      eventId: id(3),
      categoryId: id(4),
      channel: 'phone',
      subject: 'Nid-de-poule',
      description: 'Profond',
      address: '3 rue des Lilas',
    },
    texts: ['trackingCode', 'subject', 'description', 'address'],
  },
  {
    name: 'case.transition',
    args: { caseId: id(2), action: 'cancel', expectedStatus: 'new', comment: 'Doublon', eventId: id(5) },
    texts: ['comment'],
  },
  {
    name: 'case.transfer',
    args: { caseId: id(2), expectedDepartmentId: id(6), categoryId: id(4), comment: 'Pour vous', eventId: id(5) },
    texts: ['comment'],
  },
  {
    name: 'case.update',
    args: {
      caseId: id(2),
      expectedVersion: 1,
      subject: 'Nid-de-poule',
      description: 'Profond',
      address: '3 rue des Lilas',
      eventId: id(5),
    },
    texts: ['subject', 'description', 'address'],
  },
  { name: 'case.reassign', args: { caseId: id(2), assigneeId: id(7), comment: 'Congés', eventId: id(5) }, texts: ['comment'] },
  { name: 'case.comment', args: { caseId: id(2), visibility: 'internal', body: 'Rappeler', eventId: id(5) }, texts: ['body'] },
  {
    name: 'survey.save',
    args: {
      id: id(8),
      departmentId: id(6),
      anonymity: 'anonymous',
      purpose: { fr: 'Mieux vous servir', en: 'Serving you better' },
      definition: { pages: [] },
      opensOn: null,
      closesOn: null,
      expectedVersion: null,
    },
    texts: ['purpose.fr', 'purpose.en'],
  },
  { name: 'survey.setStatus', args: { id: id(8), from: 'draft', to: 'open' }, texts: [] },
  {
    name: 'surveyCollector.save',
    args: { id: id(9), surveyId: id(8), label: 'Hall de la mairie', settings: { kind: 'kiosk' }, status: 'active' },
    texts: ['label'],
  },
  {
    name: 'surveyResponse.record',
    args: {
      id: id(9),
      surveyId: id(8),
      channel: 'meeting',
      collectorId: null,
      citizenId: null,
      caseId: null,
      answers: { why: 'Trop long' },
      note: 'Avis',
    },
    texts: ['note', 'answers.why'],
  },
  {
    name: 'indicator.save',
    args: {
      id: id(10),
      departmentId: id(6),
      label: { fr: 'Satisfaction', en: 'Satisfaction' },
      sources: [{ surveyId: id(8), question: 'horaires', favourable: ['oui', 4] }],
    },
    texts: ['label.fr', 'label.en', 'sources.0.question', 'sources.0.favourable.0'],
  },
  { name: 'answer.tag', args: { id: id(11), responseId: id(9), question: 'why', theme: 'Horaires' }, texts: ['question', 'theme'] },
  { name: 'answer.untag', args: { id: id(11) }, texts: [] },
  { name: 'case.tag', args: { caseId: id(2), theme: 'Horaires' }, texts: ['theme'] },
  { name: 'case.untag', args: { caseId: id(2), theme: 'Horaires' }, texts: ['theme'] },
  {
    name: 'outcome.save',
    args: {
      id: id(12),
      departmentId: id(6),
      title: { fr: 'Horaires élargis', en: 'Longer hours' },
      body: { fr: 'Ouvert le dimanche', en: 'Open on Sundays' },
      surveyIds: [id(8)],
      caseIds: [],
      expectedVersion: null,
    },
    texts: ['title.fr', 'title.en', 'body.fr', 'body.en'],
  },
  { name: 'outcome.publish', args: { id: id(12), expectedVersion: 1 }, texts: [] },
];

function withValue(args: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const copy = structuredClone(args);
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) as string] = value;
  return copy;
}

function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce((at, key) => (at as Record<string, unknown>)[key], value);
}

const fields = mutations.flatMap(({ name, args, texts }) => texts.map((path) => ({ name, args, path })));
const refused = [
  ['NUL', 'Rappel\u0000 demain'],
  ['a lone high surrogate', 'Rappel \uD800 demain'],
  ['a lone low surrogate', 'Rappel \uDFFF demain'],
  ['a surrogate pair upside down', 'Rappel \uDE00\uD83D demain'],
  ['a bell (C0 control)', 'Rappel\u0007 demain'],
] as const;

describe('every free text of every mutation', () => {
  it('covers each mutation', () => {
    expect(mutations.map((mutation) => mutation.name).sort()).toEqual(Object.keys(mutationArgsSchemas).sort());
    for (const { name, args } of mutations) expect(mutationArgsSchemas[name].safeParse(args).success, name).toBe(true);
  });

  describe.each(refused)('refuses %s with the invalid_text issue', (_label, text) => {
    it.each(fields)('$name $path', ({ name, args, path }) => {
      const result = mutationArgsSchemas[name].safeParse(withValue(args, path, text));
      expect(result.success).toBe(false);
      expect(toFieldIssues(result.error!)).toContainEqual({ path, code: 'invalid_text', params: undefined });
    });
  });

  // The agent's own text comes back as typed: right-to-left marks, a BOM inside, emoji, tabs and line breaks.
  const kept = 'Rue \u200Fبيروت\u202E ok \uFEFF 👍🏽 \t🇫🇷\r\nfin';
  it.each(fields.filter(({ path }) => !/email|phone|postalCode|trackingCode/.test(path)))(
    'keeps RTL marks, a BOM inside and emoji in $name $path',
    ({ name, args, path }) => {
      const result = mutationArgsSchemas[name].safeParse(withValue(args, path, kept));
      expect(result.error).toBeUndefined();
      expect(valueAt(result.data, path)).toBe(kept);
    },
  );

  it('refuses NUL in a sign-in email with a coded issue', () => {
    const result = signInInputSchema.safeParse({ email: 'a\u0000@b.fr', password: 'x' });
    expect(toFieldIssues(result.error!)).toContainEqual({ path: 'email', code: 'invalid_text', params: undefined });
  });
});

describe('the shape of pushed arguments', () => {
  const nested = (depth: number, leaf: unknown = 1): unknown => {
    let value: unknown = leaf;
    for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
    return value;
  };

  it.each([
    ['real arguments', mutations[0]?.args, null],
    ['nesting at the limit', nested(MAX_ARGS_DEPTH), null],
    ['nesting one past the limit', nested(MAX_ARGS_DEPTH + 1), 'too_deep'],
    ['arrays 10,000 deep', JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)), 'too_deep'],
    ['arrays 1,000,000 deep', JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)), 'too_deep'],
    ['64 KiB of JSON', { body: 'x'.repeat(MAX_ARGS_JSON_LENGTH - 11) }, null],
    ['one character past 64 KiB of JSON', { body: 'x'.repeat(MAX_ARGS_JSON_LENGTH - 10) }, 'too_big'],
    ['a wide array hiding deep nesting at its start', [nested(20_000), ...Array.from({ length: 70_000 }, () => 0)], 'too_big'],
    ['a null', null, null],
  ])('%s', (_label, args, code) => {
    expect(argsShapeIssue(args)?.code ?? null).toBe(code);
  });
});
