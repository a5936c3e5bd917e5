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

/** @type {string | null} */
let broken = null;
/** @type {string | null} SQLite's code when the file could not be opened (a damaged file is told apart). */
let openCode = null;

/**
 * Opened here rather than at the top level: a file that cannot be opened (its folder gone after a sign-out
 * or a shutdown raced the thread's start) becomes the answer to every job, not an error thrown in the thread.
 * @returns {import('better-sqlite3').Database | null}
 */
function open() {
  try {
    const opened = new Database(file);
    opened.pragma(`hexkey='${hexKey}'`);
    for (const pragma of pragmas) opened.pragma(pragma);
    return opened;
  } catch (error) {
    const { message, code } = /** @type {{ message?: string; code?: string }} */ (error);
    broken = `the replica could not be opened: ${String(message)}`;
    openCode = code ?? null;
    return null;
  }
}
const db = open();

/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map();

/**
 * @param {import('better-sqlite3').Database} db
 * @param {Step[]} steps
 */
function run(db, steps) {
  for (const step of steps) {
    let statement = statements.get(step.sql);
    if (statement === undefined) {
      statement = db.prepare(step.sql);
      statements.set(step.sql, statement);
    }
    for (const row of step.rows) statement.run(row);
  }
}

port.on('message', (/** @type {Job | 'close'} */ job) => {
  if (job === 'close') {
    db?.close();
    port.close();
    return;
  }
  try {
    if (db === null) throw Object.assign(new Error(String(broken)), { code: openCode });
    if (broken !== null) throw new Error(`an earlier job failed: ${broken}`);
    if (job.begin) db.exec('BEGIN IMMEDIATE');
    run(db, job.steps);
    if (job.commit) db.exec('COMMIT');
    port.postMessage({ id: job.id, error: null });
  } catch (error) {
    const { message, code } = /** @type {{ message?: string; code?: string }} */ (error);
    broken ??= String(message);
    if (db?.inTransaction) db.exec('ROLLBACK');
    port.postMessage({ id: job.id, error: { message: String(message), code: code ?? null } });
  }
});
