import type Database from 'better-sqlite3';
import { toFtsQuery } from '../../src-main/repositories/fts-query';
import { looksLikeTrackingCode, normalizeTrackingCode } from '../../src-shared/domain/tracking-code';

/**
 * The statements the repositories run for each procedure, hand-written as better-sqlite3 prepared
 * statements: the floor the procedures are compared with. No mapping beyond what the SQL returns.
 */

const listColumns = `c.id, c.tracking_code, c.kind, c.subject, c.status, c.priority, c.channel, c.department_id,
  c.category_id, c.assignee_id, c.citizen_id, p.first_name || ' ' || p.last_name AS citizen_name, c.address,
  c.deadline, c.created_at, c.updated_at`;

interface Row {
  id: string;
}

export function createRawStatements(client: Database.Database) {
  const listRows = client.prepare(
    `SELECT ${listColumns} FROM cases c LEFT JOIN citizens p ON p.id = c.citizen_id
     WHERE c.department_id IN (?) AND c.status IN (?)
     ORDER BY c.deadline ASC, c.seq ASC LIMIT ? OFFSET 0`,
  );
  const listTotal = client.prepare('SELECT count(*) FROM cases WHERE department_id IN (?) AND status IN (?)').pluck();

  const citizenSeqs = client.prepare('SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  const citizenBySeq = client.prepare('SELECT * FROM citizens WHERE seq = ?');
  const caseSeqs = client.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  const caseRowBySeq = client.prepare(`SELECT ${listColumns} FROM cases c LEFT JOIN citizens p ON p.id = c.citizen_id WHERE c.seq = ?`);
  const caseByCode = client.prepare('SELECT * FROM cases WHERE tracking_code = ?');

  const caseById = client.prepare('SELECT * FROM cases WHERE id = ?');
  const eventsOf = client.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY at ASC, id ASC');
  const citizenById = client.prepare('SELECT * FROM citizens WHERE id = ?');
  const categoryById = client.prepare('SELECT * FROM categories WHERE id = ?');
  const departments = client.prepare('SELECT * FROM departments ORDER BY name ASC');

  function searchCases(text: string, limit: number): Row[] {
    const query = toFtsQuery(text);
    if (query === null) return [];
    const seqs = caseSeqs.all(query, limit) as number[];
    return seqs.map((seq) => caseRowBySeq.get(seq) as Row);
  }

  function searchCitizens(text: string, limit: number): Row[] {
    const query = toFtsQuery(text);
    if (query === null) return [];
    const seqs = citizenSeqs.all(query, limit) as number[];
    return seqs.map((seq) => citizenBySeq.get(seq) as Row & { merged_into: string | null }).filter((row) => row.merged_into === null);
  }

  return {
    list(departmentId: string, status: string, limit: number): { rows: Row[]; total: number } {
      const rows = listRows.all(departmentId, status, limit) as Row[];
      return { rows, total: listTotal.get(departmentId, status) as number };
    },

    search(text: string, limit: number): { citizens: Row[]; cases: Row[] } {
      if (looksLikeTrackingCode(text)) {
        const code = normalizeTrackingCode(text);
        const exact = code === null ? undefined : (caseByCode.get(code) as { tracking_code: string } | undefined);
        if (exact !== undefined) return { citizens: [], cases: searchCases(exact.tracking_code, 1) };
      }
      return { citizens: searchCitizens(text, limit), cases: searchCases(text, limit) };
    },

    detail(id: string): { case: Row; events: Row[] } | null {
      const found = caseById.get(id) as (Row & { citizen_id: string | null; category_id: string }) | undefined;
      if (found === undefined) return null;
      const events = eventsOf.all(id) as Row[];
      if (found.citizen_id !== null) citizenById.get(found.citizen_id);
      categoryById.get(found.category_id);
      departments.all();
      return { case: found, events };
    },
  };
}
