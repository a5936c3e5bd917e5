import type { TFunction } from 'i18next';
import { mutationArgsSchemas, type MutationArgs, type MutationName } from '../../../src-shared/mutations/definitions';
import type { Agent, Category, Department } from '../../../src-shared/schemas/entities';
import { surveyTitleOf } from '../../../src-shared/surveys/survey-title';
import { citizenRows, type CitizenFields } from './citizen-rows';

export interface Lookups {
  agent: (id: string) => Agent | undefined;
  category: (id: string) => Category | undefined;
  department: (id: string) => Department | undefined;
}

export interface ValueRow {
  label: string;
  value: string;
  /** Typed by the agent (a comment, a note): kept as written and copied by "Copier le texte". */
  typed?: boolean;
}

/** What the server side of the comparison loads. */
export type RefusalTarget =
  | { kind: 'case'; caseId: string }
  | { kind: 'citizen'; citizenId: string; entered: CitizenFields }
  | { kind: 'notRecorded' }
  | { kind: 'unknown' };

export interface Described {
  title: string;
  rows: ValueRow[];
  target: RefusalTarget;
  /** When the text to copy is not simply the typed rows. */
  copyText?: string;
}

interface Context {
  t: TFunction;
  language: string;
  lookups: Lookups;
}

type Describer<N extends MutationName> = (args: MutationArgs<N>, context: Context) => Described;

const rowsOf = (rows: (ValueRow | false | null | undefined)[]): ValueRow[] =>
  rows.filter((row): row is ValueRow => typeof row === 'object' && row !== null);

const typed = (label: string, value: string | null | undefined): ValueRow | null =>
  value === null || value === undefined || value === '' ? null : { label, value, typed: true };

function citizenDescription(values: CitizenFields, { t, language }: Context): Pick<Described, 'rows' | 'copyText'> {
  const rows = citizenRows(values, t, language).map(({ label, value }) => ({ label, value }));
  return { rows, copyText: rows.map((row) => `${row.label} : ${row.value}`).join('\n') };
}

/** One per mutation name: a new mutation does not compile until the inbox can tell the agent what it was. */
const describers: { [N in MutationName]: Describer<N> } = {
  'case.transition': (a, { t, lookups }) => {
    const action = t(`action.${a.action}`);
    const rows = rowsOf([
      { label: t('inbox.values.action'), value: action },
      { label: t('inbox.values.expectedStatus'), value: t(`status.${a.expectedStatus}`) },
      a.assigneeId !== null && {
        label: t('inbox.values.assignee'),
        value: lookups.agent(a.assigneeId)?.name ?? t('caseDetail.unknownAgent'),
      },
      typed(t('inbox.values.comment'), a.comment),
    ]);
    return { title: t('inbox.kind.caseTransition', { action }), rows, target: { kind: 'case', caseId: a.caseId } };
  },
  'case.comment': (a, { t }) => ({
    title: a.visibility === 'internal' ? t('inbox.kind.caseCommentInternal') : t('inbox.kind.caseCommentPublic'),
    rows: rowsOf([typed(t('inbox.values.body'), a.body)]),
    target: { kind: 'case', caseId: a.caseId },
  }),
  'case.transfer': (a, { t, lookups }) => {
    const category = lookups.category(a.categoryId);
    const rows = rowsOf([
      category !== undefined && { label: t('inbox.values.category'), value: category.label },
      category !== undefined && {
        label: t('inbox.values.targetDepartment'),
        value: lookups.department(category.departmentId)?.name ?? '',
      },
      { label: t('inbox.values.expectedDepartment'), value: lookups.department(a.expectedDepartmentId)?.name ?? '' },
      typed(t('inbox.values.comment'), a.comment),
    ]);
    return { title: t('inbox.kind.caseTransfer'), rows, target: { kind: 'case', caseId: a.caseId } };
  },
  'case.update': (a, { t }) => ({
    title: t('inbox.kind.caseUpdate'),
    rows: rowsOf([
      typed(t('case.subject'), a.subject),
      typed(t('case.description'), a.description),
      typed(t('case.address'), a.address),
      a.priority !== undefined && { label: t('case.priority'), value: t(`priority.${a.priority}`) },
      { label: t('inbox.values.expectedCaseVersion'), value: String(a.expectedVersion) },
    ]),
    target: { kind: 'case', caseId: a.caseId },
  }),
  'case.reassign': (a, { t, lookups }) => {
    const name = lookups.agent(a.assigneeId)?.name ?? t('caseDetail.unknownAgent');
    return {
      title: t('inbox.kind.caseReassign', { name }),
      rows: rowsOf([{ label: t('inbox.values.assignee'), value: name }, typed(t('inbox.values.comment'), a.comment)]),
      target: { kind: 'case', caseId: a.caseId },
    };
  },
  'case.open': (a, { t, lookups }) => ({
    title: t('inbox.kind.caseOpen', { subject: a.subject }),
    rows: rowsOf([
      typed(t('case.subject'), a.subject),
      typed(t('case.description'), a.description),
      { label: t('case.category'), value: lookups.category(a.categoryId)?.label ?? '' },
      { label: t('case.channel'), value: t(`channel.${a.channel}`) },
      a.priority !== null && { label: t('case.priority'), value: t(`priority.${a.priority}`) },
      typed(t('case.address'), a.address),
      { label: t('case.trackingCode'), value: a.trackingCode },
    ]),
    target: { kind: 'notRecorded' },
  }),
  'citizen.update': (a, context) => {
    const description = citizenDescription(a.values, context);
    return {
      title: context.t('inbox.kind.citizenUpdate'),
      ...description,
      rows: [...description.rows, { label: context.t('inbox.values.expectedVersion'), value: String(a.expectedVersion) }],
      target: { kind: 'citizen', citizenId: a.id, entered: a.values },
    };
  },
  'survey.save': (a, { t, language }) => ({
    title: t('inbox.kind.surveySave', { title: surveyTitleOf(a.definition, language) }),
    rows: rowsOf([typed(t('surveys.purpose'), language === 'en' ? a.purpose.en || a.purpose.fr : a.purpose.fr)]),
    target: { kind: 'unknown' },
  }),
  'survey.setStatus': (a, { t }) => ({
    title: t('inbox.kind.surveySetStatus', { status: t(`surveys.status.${a.to}`) }),
    rows: [{ label: t('inbox.values.expectedStatus'), value: t(`surveys.status.${a.from}`) }],
    target: { kind: 'unknown' },
  }),
  'surveyCollector.save': (a, { t }) => ({
    title: t('inbox.kind.surveyCollectorSave', { label: a.label }),
    rows: [{ label: t('surveys.collectors.status'), value: t(`surveys.collectors.statuses.${a.status}`) }],
    target: { kind: 'unknown' },
  }),
  'surveyResponse.record': (a, { t }) => ({
    title: t('inbox.kind.surveyResponseRecord'),
    rows: rowsOf([
      { label: t('surveys.entry.channel'), value: t(`surveys.entry.channels.${a.channel}`) },
      typed(t('surveys.entry.note'), a.note),
      ...Object.entries(a.answers).map(([name, value]) => typed(name, typeof value === 'object' ? JSON.stringify(value) : String(value))),
    ]),
    target: { kind: 'notRecorded' },
  }),
  'citizen.create': (a, context) => ({
    title: context.t('inbox.kind.citizenCreate', { name: `${a.firstName} ${a.lastName}` }),
    ...citizenDescription(a, context),
    target: { kind: 'notRecorded' },
  }),
  'indicator.save': (a, { t }) => ({
    title: t('inbox.kind.indicatorSave', { label: a.label.fr }),
    rows: rowsOf([typed(t('inbox.values.label'), a.label.fr)]),
    target: { kind: 'unknown' },
  }),
  'answer.tag': (a, { t }) => ({
    title: t('inbox.kind.answerTag', { theme: a.theme }),
    rows: rowsOf([typed(t('inbox.values.theme'), a.theme)]),
    target: { kind: 'unknown' },
  }),
  'answer.untag': (_a, { t }) => ({ title: t('inbox.kind.answerUntag'), rows: [], target: { kind: 'unknown' } }),
  'case.tag': (a, { t }) => ({
    title: t('inbox.kind.caseTag', { theme: a.theme }),
    rows: rowsOf([typed(t('inbox.values.theme'), a.theme)]),
    target: { kind: 'case', caseId: a.caseId },
  }),
  'case.untag': (a, { t }) => ({
    title: t('inbox.kind.caseUntag', { theme: a.theme }),
    rows: rowsOf([typed(t('inbox.values.theme'), a.theme)]),
    target: { kind: 'case', caseId: a.caseId },
  }),
  'outcome.save': (a, { t }) => ({
    title: t('inbox.kind.outcomeSave', { title: a.title.fr }),
    rows: rowsOf([typed(t('inbox.values.title'), a.title.fr), typed(t('inbox.values.body'), a.body.fr)]),
    target: { kind: 'unknown' },
  }),
  'outcome.publish': (_a, { t }) => ({ title: t('inbox.kind.outcomePublish'), rows: [], target: { kind: 'unknown' } }),
};

/** The stored arguments, read with the shared schema; null when this version cannot read them. */
export function describeMutation<N extends MutationName>(name: N, args: unknown, context: Context): Described | null {
  const parsed = mutationArgsSchemas[name].safeParse(args);
  if (!parsed.success) return null;
  const describe = describers[name] as Describer<N>;
  return describe(parsed.data as MutationArgs<N>, context);
}
