import type Database from 'better-sqlite3';

/** `--explain`: the query plans of the statements the procedures run, with sample arguments. */
export function printPlans(client: Database.Database, log: (line: string) => void): void {
  const departmentId = client.prepare('SELECT id FROM departments ORDER BY code LIMIT 1').pluck().get() as string;
  const plans: [string, string, unknown[]][] = [
    [
      'case list rows',
      `SELECT c.id FROM cases c LEFT JOIN citizens p ON p.id = c.citizen_id
       WHERE c.department_id IN (?) AND c.status IN (?) ORDER BY c.deadline ASC, c.seq ASC LIMIT 50 OFFSET 0`,
      [departmentId, 'in_progress'],
    ],
    ['case list total', 'SELECT count(*) FROM cases WHERE department_id IN (?) AND status IN (?)', [departmentId, 'in_progress']],
    ['citizen search', 'SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH ? ORDER BY rowid DESC LIMIT 8', ['"dup"*']],
    ['case search', 'SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT 8', ['"lampadaire"*']],
    ['case timeline', 'SELECT * FROM case_events WHERE case_id = ? ORDER BY at ASC, id ASC', ['x']],
  ];
  for (const [name, sql, args] of plans) {
    log(`EXPLAIN QUERY PLAN — ${name}`);
    const rows = client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
    for (const row of rows) log(`  ${row.detail}`);
  }
}
