import type { SurveyChannel, SurveyResponse } from '../../schemas/surveys';
import { importSurveyJson } from '../import-json';
import { textIn, type SurveyLanguage } from '../localized-text';
import { answerNames, isQuestion, type ChoiceItem, type Question } from '../model';
import { commentSuffix, offersOther, otherValue } from './questions';
import { cellKey } from './small-segments';

/**
 * The columns of a survey's export: one row per response, one stable column per question whatever path a
 * respondent took (one per choice of a multiple choice, "other" and its text in their own, one per matrix
 * row), derived from the definition alone. A question not answered (not shown, or skipped) is an empty cell,
 * never "0" or "false"; a multiple choice answered is 1 or 0 per choice. An anonymous survey has no citizen
 * nor case column.
 */
export type ExportCell = string | number | null;

export interface ExportColumn {
  header: string;
  cell(response: ExportedResponse): ExportCell;
}

export type ExportedResponse = Pick<
  SurveyResponse,
  'id' | 'answers' | 'channel' | 'collectorId' | 'citizenId' | 'caseId' | 'note' | 'submittedAt'
>;

export interface ExportContext {
  anonymous: boolean;
  language: SurveyLanguage;
  collectorLabels: ReadonlyMap<string, string>;
  /**
   * Channels, collectors ('' for none) and channel × collector cells (`cellKey`) the small-segment rule hides
   * in the survey's synthesis (every date): a row in any of them reads « < 5 » for both its channel and its
   * collector, so that counting rows gives back no hidden count (a hidden channel's rows counted by their
   * shown collector, or a shown channel's by collector, would).
   */
  hidden?: { channels: ReadonlySet<string>; collectors: ReadonlySet<string>; cells: ReadonlySet<string> };
}

/** What a channel or collector cell hidden by the small-segment rule reads, as on screen. */
export const hiddenCell = '< 5';

const words = {
  fr: {
    id: 'Réponse',
    submittedAt: 'Date',
    channel: 'Canal',
    collector: 'Point de collecte',
    citizen: 'Citoyen',
    case: 'Dossier',
    note: 'Note',
    other: 'autre',
    otherText: 'autre (précision)',
    yes: 'Oui',
    no: 'Non',
  },
  en: {
    id: 'Response',
    submittedAt: 'Date',
    channel: 'Channel',
    collector: 'Collector',
    citizen: 'Citizen',
    case: 'Case',
    note: 'Note',
    other: 'other',
    otherText: 'other (details)',
    yes: 'Yes',
    no: 'No',
  },
} as const;

export const channelLabels: Record<SurveyLanguage, Record<SurveyChannel, string>> = {
  fr: {
    link: 'Lien public',
    email: 'Campagne d’envoi',
    kiosk: 'Borne',
    counter: 'Accueil physique',
    phone: 'Téléphone',
    meeting: 'Réunion publique',
    case: 'Après un dossier',
  },
  en: {
    link: 'Public link',
    email: 'Email campaign',
    kiosk: 'Kiosk',
    counter: 'Front desk',
    phone: 'Phone',
    meeting: 'Public meeting',
    case: 'After a case',
  },
};

const scalar = (value: unknown): ExportCell =>
  value === undefined || value === null ? null : typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);

function questionColumns(question: Question, language: SurveyLanguage): ExportColumn[] {
  const w = words[language];
  const title = textIn(question.title, language) || question.name;
  const label = (items: readonly ChoiceItem[], value: unknown): ExportCell => {
    if (value === undefined || value === null) return null;
    const item = items.find((candidate) => candidate.value === value);
    return item?.text ? textIn(item.text, language) || String(item.value) : scalar(value);
  };
  const answer = (response: ExportedResponse) => response.answers[question.name];
  const otherText: ExportColumn = {
    header: `${title} — ${w.otherText}`,
    cell: (r) => scalar(r.answers[`${question.name}${commentSuffix}`]),
  };
  switch (question.kind) {
    case 'singleChoice': {
      const main: ExportColumn = {
        header: title,
        cell: (r) => (answer(r) === otherValue && offersOther(question) ? w.other : label(question.choices, answer(r))),
      };
      return offersOther(question) ? [main, otherText] : [main];
    }
    case 'multipleChoice': {
      const chosen = (r: ExportedResponse, value: string | number): ExportCell => {
        const given = answer(r);
        return Array.isArray(given) ? (given.includes(value) ? 1 : 0) : null;
      };
      const columns = question.choices.map((item) => ({
        header: `${title} — ${(item.text && textIn(item.text, language)) || String(item.value)}`,
        cell: (r: ExportedResponse) => chosen(r, item.value),
      }));
      if (!question.allowOther) return columns;
      return [...columns, { header: `${title} — ${w.other}`, cell: (r) => chosen(r, otherValue) }, otherText];
    }
    case 'yesNo':
      return [{ header: title, cell: (r) => (answer(r) === true ? w.yes : answer(r) === false ? w.no : null) }];
    case 'matrix':
      return question.rows.map((row) => ({
        header: `${title} — ${(row.text && textIn(row.text, language)) || String(row.value)}`,
        cell: (r) => {
          const given = answer(r);
          return typeof given === 'object' && given !== null && !Array.isArray(given)
            ? label(question.columns, given[String(row.value)])
            : null;
        },
      }));
    default:
      return [{ header: title, cell: (r) => scalar(answer(r)) }];
  }
}

export function exportColumns(definition: unknown, context: ExportContext): ExportColumn[] {
  const w = words[context.language];
  const { hidden } = context;
  const masked = (r: ExportedResponse) =>
    hidden !== undefined &&
    (hidden.channels.has(r.channel) ||
      hidden.collectors.has(r.collectorId ?? '') ||
      hidden.cells.has(cellKey(r.channel, r.collectorId ?? '')));
  const columns: ExportColumn[] = [
    { header: w.id, cell: (r) => r.id },
    { header: w.submittedAt, cell: (r) => r.submittedAt },
    { header: w.channel, cell: (r) => (masked(r) ? hiddenCell : channelLabels[context.language][r.channel]) },
    {
      header: w.collector,
      cell: (r) => (masked(r) ? hiddenCell : r.collectorId === null ? null : (context.collectorLabels.get(r.collectorId) ?? r.collectorId)),
    },
    ...(context.anonymous
      ? []
      : [
          { header: w.citizen, cell: (r: ExportedResponse) => r.citizenId },
          { header: w.case, cell: (r: ExportedResponse) => r.caseId },
        ]),
    { header: w.note, cell: (r) => r.note },
  ];
  for (const page of importSurveyJson(definition).pages) {
    for (const element of page.elements) {
      if (isQuestion(element)) columns.push(...questionColumns(element, context.language));
      else for (const name of answerNames(element)) columns.push({ header: name, cell: (r) => scalar(r.answers[name]) });
    }
  }
  // Two questions may share a title: each header stays unique (CSV readers key columns by header).
  const seen = new Map<string, number>();
  return columns.map((column) => {
    const times = (seen.get(column.header) ?? 0) + 1;
    seen.set(column.header, times);
    return times === 1 ? column : { ...column, header: `${column.header} (${times})` };
  });
}

export function exportRow(columns: readonly ExportColumn[], response: ExportedResponse): ExportCell[] {
  return columns.map((column) => column.cell(response));
}
