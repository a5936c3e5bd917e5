import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type ErrorArgs, type ErrorCode } from '../../src-shared/errors/catalogue';
import { en, fr, resources, type Language } from '../../src-shared/i18n';
import {
  caseKindSchema,
  caseStatusSchema,
  certificationSchema,
  channelSchema,
  prioritySchema,
  roleSchema,
} from '../../src-shared/schemas/common';
import { caseEventTypeSchema } from '../../src-shared/schemas/entities';
import { caseActionSchema } from '../../src-shared/schemas/procedures';

/** Every leaf path of a nested message object: `errors.CASE_NOT_FOUND`, `status.new`… */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

function lookup(messages: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], messages);
}

/** One sample per code; typed, so a new catalogue code fails to compile until it has a sample. */
const sampleArgs: { [C in ErrorCode]: ErrorArgs[C] } = {
  VALIDATION_FAILED: { issues: [{ path: 'email', code: 'email' }] },
  NO_AGENT_SELECTED: {},
  AGENT_NOT_FOUND: { agentId: 'a1' },
  CITIZEN_NOT_FOUND: { citizenId: 'c1' },
  CITIZEN_MERGED: { citizenId: 'c1', mergedInto: 'c2' },
  CATEGORY_NOT_FOUND: { categoryId: 'k1' },
  CASE_NOT_FOUND: { caseId: 'd1' },
  TRACKING_CODE_INVALID: { code: 'ABCD-EFGH' },
  TRANSITION_NOT_ALLOWED: { from: 'waiting_citizen', action: 'resolve' },
  TRANSITION_FORBIDDEN: { action: 'reject', role: 'counter,field' },
  STATUS_CHANGED: { expected: 'assigned', actual: 'in_progress' },
  VERSION_CONFLICT: { entity: 'citizen', expected: 3, actual: 4 },
  ASSIGNEE_REQUIRED: {},
  ASSIGNEE_NOT_IN_DEPARTMENT: { agentId: 'a1', departmentId: 'dep1' },
  NOT_A_MEMBER: { departmentId: 'dep1' },
  UNKNOWN_MUTATION: { name: 'case.explode' },
  MUTATION_GAP: { expected: 4, received: 6 },
  DEPARTMENT_CHANGED: { expected: 'dep1', actual: 'dep2' },
  FIRST_SYNC_IN_PROGRESS: {},
  ID_TAKEN: {},
  REPLICA_MIGRATION_DIVERGED: { detail: '0003 missing' },
  REPLICA_KEY_INVALID: {},
  ACCESS_DENIED: {},
  SIGN_IN_FAILED: {},
  SIGN_IN_THROTTLED: { retryAfterSeconds: 60 },
  SESSION_EXPIRED: {},
  PAYLOAD_TOO_LARGE: { limitBytes: 1_048_576 },
  MALFORMED_REQUEST: { reason: 'invalid_json' },
  RESOURCE_NOT_FOUND: {},
  RANGE_NOT_SATISFIABLE: { size: 1024 },
  CENTRAL_MIGRATION_DIVERGED: { detail: '0003 missing' },
  DEPARTMENT_NOT_FOUND: { code: 'VOIRIE' },
  AGENT_EMAIL_TAKEN: { email: 'camille@ville.example' },
  INTERNAL: { reference: 'ref-42' },
  CONTENT_REFUSED: {},
  FORBIDDEN: { action: 'citizen.update' },
  RATE_LIMITED: { retryAfterSeconds: 30 },
  REPLICA_DAMAGED: { file: '/data/replica.damaged-2026-12-07T01-30-00-000Z.db' },
  REPLICA_DAMAGED_RESTART: {},
  SIGN_IN_REQUIRED: {},
  SURVEY_FILE_UNREADABLE: {},
  SURVEY_DEFINITION_INVALID: { path: '/pages/0/elements/2', reason: 'type' },
  SURVEY_QUESTION_NAME_TAKEN: { name: 'satisfaction' },
  SURVEY_CONDITION_INVALID: { question: 'why', target: 'satisfaction' },
  SURVEY_CHOICE_VALUE_INVALID: { question: 'pool', value: 'weekly' },
  SURVEY_NOT_FOUND: { surveyId: '0190a000-0000-7000-8000-000000000001' },
  SURVEY_LOCKED: { status: 'open', field: 'definition' },
  SURVEY_NOT_OPEN: { status: 'draft' },
  SURVEY_NO_QUESTION: {},
  SURVEY_ANSWERS_INVALID: { problems: [{ code: 'required_missing', question: 'satisfaction' }] },
  SURVEY_COLLECTOR_NOT_FOUND: { collectorId: '0190a000-0000-7000-8000-000000000002' },
  SURVEY_COLLECTOR_CHANGED: { expected: '2026-03-02T10:00:00.000Z', actual: '2026-03-02T11:00:00.000Z' },
  SURVEY_COLLECTOR_LOCKED: { field: 'segment' },
  SURVEY_COLLECTOR_INVALID: { kind: 'kiosk', status: 'sending' },
  SURVEY_CATEGORY_OUTSIDE_DEPARTMENT: { categoryId: '0190a000-0000-7000-8000-000000000003' },
  CASE_NOT_FEEDBACK: { caseId: '0190a000-0000-7000-8000-000000000004' },
  SURVEY_CLOSED: {},
  SURVEY_TOKEN_INVALID: {},
  SURVEY_TOKEN_USED: {},
};

const languages: Language[] = ['fr', 'en'];
const messages = { fr, en };

const labelled = {
  errors: errorCodes,
  status: caseStatusSchema.options,
  action: caseActionSchema.options,
  channel: channelSchema.options,
  priority: prioritySchema.options,
  role: roleSchema.options,
  kind: caseKindSchema.options,
  eventType: caseEventTypeSchema.options,
  certification: certificationSchema.options,
  fieldErrors: [
    'required',
    'too_small',
    'too_big',
    'invalid_format',
    'invalid_type',
    'invalid_value',
    'email',
    'phone',
    'postal_code',
    'birth_date',
    'custom',
    'same_department',
    'invalid_text',
    'too_deep',
    'survey_questions',
  ],
};

const labelCases = Object.entries(labelled).flatMap(([namespace, keys]) =>
  languages.flatMap((language) => keys.map((key) => ({ language, path: `${namespace}.${key}` }))),
);

describe('messages', () => {
  it('French and English have the same keys', () => {
    expect(leafPaths(en).sort()).toEqual(leafPaths(fr).sort());
  });

  it('has only non-empty strings as leaves', () => {
    for (const language of languages) {
      for (const path of leafPaths(messages[language])) {
        const message = lookup(messages[language], path);
        expect(typeof message, path).toBe('string');
        expect((message as string).trim(), path).not.toBe('');
      }
    }
  });

  it.each(labelCases)('$language has $path', ({ language, path }) => {
    const message = lookup(messages[language], path);
    expect(typeof message).toBe('string');
    expect((message as string).trim()).not.toBe('');
  });

  it('has no label for codes that do not exist', () => {
    for (const [namespace, keys] of Object.entries(labelled)) {
      expect(Object.keys(lookup(fr, namespace) as object).sort()).toEqual([...keys].sort());
    }
  });

  it('is exposed as i18next resources', () => {
    expect(resources.fr.translation).toBe(fr);
    expect(resources.en.translation).toBe(en);
  });
});

describe('French words follow the glossary', () => {
  it.each([
    [
      'status',
      {
        new: 'Nouvelle',
        qualified: 'Qualifiée',
        assigned: 'Affectée',
        in_progress: 'En cours',
        waiting_citizen: "En attente de l'usager",
        resolved: 'Résolue',
        closed: 'Clôturée',
        rejected: 'Rejetée',
        cancelled: 'Annulée',
        merged: 'Fusionnée',
      },
    ],
    [
      'action',
      {
        qualify: 'Qualifier',
        assign: 'Affecter',
        take: 'Prendre en charge',
        start: 'Démarrer',
        wait_citizen: "Mettre en attente de l'usager",
        resume: 'Reprendre',
        resolve: 'Résoudre',
        close: 'Clôturer',
        reopen: 'Rouvrir',
        reject: 'Rejeter',
        cancel: 'Annuler la demande',
      },
    ],
    ['kind', { request: 'Demande', report: 'Signalement', feedback: 'Avis', complaint: 'Réclamation' }],
    ['priority', { low: 'Basse', normal: 'Normale', high: 'Haute', urgent: 'Urgente' }],
  ] as const)('%s', (namespace, expected) => {
    expect(fr[namespace]).toEqual(expected);
  });

  it.each([
    ['counter', 'accueil physique'],
    ['phone', 'téléphone'],
    ['email', 'courriel'],
    ['mail', 'courrier'],
    ['web', 'formulaire web'],
    ['app', 'application mobile'],
    ['kiosk', 'borne'],
    ['open311', 'open311'],
    ['field', 'terrain'],
  ] as const)('channel %s reads %s', (channel, word) => {
    expect(fr.channel[channel].toLowerCase()).toBe(word);
  });
});

describe('error messages rendered by i18next', () => {
  const instance = i18next.createInstance();

  beforeAll(async () => {
    // Same interpolation settings as a React front end: React escapes, i18next must not.
    await instance.init({ lng: 'fr', fallbackLng: false, resources, interpolation: { escapeValue: false } });
  });

  const cases = languages.flatMap((language) => errorCodes.map((code) => ({ language, code })));

  it.each(cases)('$language $code uses only its arguments and resolves nested labels', ({ language, code }) => {
    const template = messages[language].errors[code];
    const args = sampleArgs[code] as Record<string, unknown>;
    for (const [, name] of template.matchAll(/\{\{(\w+)\}\}/g)) expect(Object.keys(args)).toContain(name);
    const text = instance.getFixedT(language)(`errors.${code}`, args);
    expect(text).not.toMatch(/\{\{|\$t\(|undefined|errors\./);
    expect(text.length).toBeGreaterThan(5);
  });

  it.each([
    ['fr', 'TRANSITION_NOT_ALLOWED', "Action « Résoudre » impossible : la demande est au statut « En attente de l'usager »."],
    ['en', 'TRANSITION_NOT_ALLOWED', 'Cannot “Resolve”: the case is “Waiting for citizen”.'],
    ['fr', 'TRACKING_CODE_INVALID', "« ABCD-EFGH » n'est pas un numéro de suivi valide."],
    ['fr', 'INTERNAL', "Une erreur inattendue s'est produite. Référence à communiquer au support : ref-42."],
  ] as const)('%s %s reads %j', (language, code, expected) => {
    expect(instance.getFixedT(language)(`errors.${code}`, sampleArgs[code])).toBe(expected);
  });

  it.each([
    ['fr', 'too_small', { minimum: 3 }, 'Trop court (minimum 3).'],
    ['fr', 'too_big', { maximum: 80 }, 'Trop long (maximum 80).'],
    ['en', 'too_small', { minimum: 3 }, 'Too short (minimum 3).'],
  ] as const)('%s fieldErrors.%s interpolates its params', (language, code, params, expected) => {
    expect(instance.getFixedT(language)(`fieldErrors.${code}`, params)).toBe(expected);
  });
});
