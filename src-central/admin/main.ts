import { configOrExit } from '../config';
import { applyCentralMigrations } from '../db/migrations';
import { openCentralDb } from '../db/open-central-db';
import { createLogger, describeFatal } from '../logger';
import { runAdminCommand } from './admin-cli';

/**
 * `npm run central:admin -- <command>`, on the database the service uses (same environment). On PGlite, stop
 * the service first: a PGlite folder can be opened by one process at a time.
 */
async function main(): Promise<number> {
  const config = configOrExit([]);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openCentralDb(config, logger);
  try {
    await applyCentralMigrations(database.db, config.migrationsDir);
    return await runAdminCommand(process.argv.slice(2), database, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`guichet central admin: ${describeFatal(error)}\n`);
    process.exit(1);
  },
);
