// @ts-check
/**
 * The bulk bootstrap's writer thread (see ../bulk-bootstrap.ts). Plain JavaScript on purpose: it loads as it
 * is under tsx, vitest and Electron (where Vite bundles it next to the main process) without a TypeScript
 * loader in the thread. It knows nothing of the replica: it opens the encrypted file and runs the SQL steps
 * it is sent and answers every job. A job may open a transaction, add to it, or commit it, so that a page
 * sent in slices is applied whole or not at all. After a failure it rolls back and refuses every job.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {{ sql: string; rows: unknown[][] }} Step */
/** @typedef {{ id: number; steps: Step[]; begin: boolean; commit: boolean }} Job */

const port = parentPort;
if (port === null) throw new Error('replica-writer runs as a worker thread');
const { file, hexKey, pragmas } = /** @type {{ file: string; hexKey: string; pragmas: string[] }} */ (workerData);

const db = new Database(file);
db.pragma(`hexkey='${hexKey}'`);
for (const pragma of pragmas) db.pragma(pragma);

/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map();

/** @param {Step[]} steps */
function run(steps) {
  for (const step of steps) {
    let statement = statements.get(step.sql);
    if (statement === undefined) {
      statement = db.prepare(step.sql);
      statements.set(step.sql, statement);
    }
    for (const row of step.rows) statement.run(row);
  }
}

/** @type {string | null} */
let broken = null;

port.on('message', (/** @type {Job | 'close'} */ job) => {
  if (job === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    if (broken !== null) throw new Error(`an earlier job failed: ${broken}`);
    if (job.begin) db.exec('BEGIN IMMEDIATE');
    run(job.steps);
    if (job.commit) db.exec('COMMIT');
    port.postMessage({ id: job.id, error: null });
  } catch (error) {
    const { message, code } = /** @type {{ message?: string; code?: string }} */ (error);
    broken ??= String(message);
    if (db.inTransaction) db.exec('ROLLBACK');
    port.postMessage({ id: job.id, error: { message: String(message), code: code ?? null } });
  }
});
