import { setImmediate as yieldToLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { fail } from '../../../src-shared/errors';
import { mayPerform } from '../../../src-shared/domain/permissions';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { SurveyLanguage } from '../../../src-shared/surveys/localized-text';
import {
  exportColumns,
  exportRow,
  hiddenCells,
  noFilter,
  shownCount,
  type ExportCell,
  type ExportFormat,
} from '../../../src-shared/surveys/synthesis';
import type { SurveyRow, SynthesisRepository } from './synthesis-repository';

/**
 * The exports (docs/surveys.md, "Exports"): one row per response, columns from `exportColumns`. Responses are
 * read a page at a time with a turn of the loop between pages, so a large survey never holds the main core's
 * loop for long. The file goes back to the renderer, which saves it where the agent chooses (a download in
 * the browser, Electron's save dialog on the desktop).
 *
 * CSV: UTF-8 with a byte-order mark (Excel then reads accents right), `;` between fields, as French Excel
 * expects (its list separator is `;` because `,` is the decimal mark), CRLF line ends; quoted where needed.
 */
const PAGE = 2_000;
const BOM = '\uFEFF';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64 (tRPC carries JSON). */
  base64: string;
}

const mime = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
} as const;

/** A file name from a title: letters, digits and dashes, accents dropped. */
export function fileNameOf(title: string, fallback: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base === '' ? fallback : base;
}

/** Excel's sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
export function sheetNameOf(title: string, taken: Set<string>): string {
  const base = (title.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Enquête').slice(0, 28);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 27 - String(n).length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The channels, collectors and channel × collector cells whose rows an export masks: those the survey's
 * synthesis hides over every date, its filters included (`hiddenCells`, with `hiddenSegmentsOf`'s order), all
 * of them when the survey has fewer than five responses.
 */
function hiddenChannelsAndCollectors(repo: SynthesisRepository, surveyId: string) {
  const rows = repo.responsesBy(surveyId, noFilter);
  const collectorIds = repo.collectors(surveyId).map((collector) => collector.id);
  const hidden = hiddenCells(
    rows.map((row) => ({ row: row.channel, column: row.collectorId, n: row.n })),
    [...new Set(rows.map((row) => row.channel))],
    [...collectorIds, ''],
  );
  const all = shownCount(rows.reduce((sum, row) => sum + row.n, 0)) === null;
  const keys = (map: ReadonlyMap<string, boolean>) => new Set([...map].filter(([, isHidden]) => all || isHidden).map(([key]) => key));
  return { channels: keys(hidden.rows), collectors: keys(hidden.columns), cells: keys(hidden.cells) };
}

export function createExportService(repo: SynthesisRepository) {
  /** Every response of a survey as export rows, with the header first. */
  async function* rowsOf(survey: SurveyRow, language: SurveyLanguage): AsyncGenerator<ExportCell[]> {
    const collectorLabels = new Map(repo.collectors(survey.id).map((collector) => [collector.id, collector.label]));
    const columns = exportColumns(survey.definition, {
      anonymous: survey.anonymity === 'anonymous',
      language,
      collectorLabels,
      hidden: hiddenChannelsAndCollectors(repo, survey.id),
    });
    yield columns.map((column) => column.header);
    let after: { submittedAt: string; id: string } | null = null;
    for (;;) {
      const page = repo.responsesPage(survey.id, after, PAGE);
      for (const response of page) yield exportRow(columns, response);
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) return;
      after = { submittedAt: last.submittedAt, id: last.id };
      await yieldToLoop();
    }
  }

  async function addSheet(workbook: ExcelJS.Workbook, survey: SurveyRow, language: SurveyLanguage, taken: Set<string>): Promise<void> {
    const sheet = workbook.addWorksheet(sheetNameOf(survey.title, taken));
    let first = true;
    for await (const row of rowsOf(survey, language)) {
      const added = sheet.addRow(row);
      if (first) {
        added.font = { bold: true };
        sheet.views = [{ state: 'frozen', ySplit: 1 }];
        first = false;
      }
    }
  }

  async function csvOf(survey: SurveyRow, language: SurveyLanguage): Promise<string> {
    const rows: ExportCell[][] = [];
    for await (const row of rowsOf(survey, language)) rows.push(row);
    return BOM + Papa.unparse(rows, { delimiter: ';', newline: '\r\n', quotes: false });
  }

  return {
    /** A survey the caller was allowed to read (`SynthesisService.readable`). */
    async survey(survey: SurveyRow, format: ExportFormat, language: SurveyLanguage): Promise<ExportedFile> {
      const name = fileNameOf(survey.title, 'enquete');
      if (format === 'csv') {
        const text = await csvOf(survey, language);
        return { fileName: `${name}.csv`, mimeType: mime.csv, base64: Buffer.from(text, 'utf8').toString('base64') };
      }
      const workbook = new ExcelJS.Workbook();
      await addSheet(workbook, survey, language, new Set());
      const buffer = await workbook.xlsx.writeBuffer();
      return { fileName: `${name}.xlsx`, mimeType: mime.xlsx, base64: Buffer.from(buffer).toString('base64') };
    },

    /** Every survey of a department in one workbook, one sheet each, whatever their number. */
    async department(agent: { roles: Agent['roles'] }, departmentId: string, language: SurveyLanguage): Promise<ExportedFile> {
      if (!mayPerform(agent, 'survey.synthesis.read', departmentId)) throw fail('FORBIDDEN', { action: 'survey.synthesis.read' });
      const workbook = new ExcelJS.Workbook();
      const taken = new Set<string>();
      for (const id of repo.surveyIdsOf(departmentId)) {
        const survey = repo.survey(id);
        if (survey !== null) await addSheet(workbook, survey, language, taken);
      }
      if (taken.size === 0) workbook.addWorksheet(language === 'fr' ? 'Aucune enquête' : 'No survey');
      const buffer = await workbook.xlsx.writeBuffer();
      const name = fileNameOf(repo.departmentNames().get(departmentId) ?? '', 'service');
      return { fileName: `enquetes-${name}.xlsx`, mimeType: mime.xlsx, base64: Buffer.from(buffer).toString('base64') };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
