import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createFileKeyStore } from '../db/key-store';
import { openReplica } from '../db/open-replica';
import { browserModeDataDir } from '../web/data-dir';
import { demoCitySize, seedDemoCityIfEmpty } from './demo-city';

/**
 * `npm run seed:demo`: (re)creates the demo city in browser mode's replica. An existing replica is kept
 * unless `--reset` is given, so nobody loses work by running it twice.
 */
const dataDir = browserModeDataDir();
const file = join(dataDir, 'replica.db');
const reset = process.argv.includes('--reset');
if (reset) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
const existed = existsSync(file);
const replica = openReplica({
  file,
  key: createFileKeyStore(join(dataDir, 'replica.key')).loadOrCreate(),
  migrationsFolder: join(import.meta.dirname, '..', '..', 'drizzle', 'local'),
});
const started = Date.now();
const seeded = seedDemoCityIfEmpty(replica.db);
replica.close();
if (seeded) {
  console.log(
    `Ville de démonstration créée dans ${file} (${demoCitySize.citizens} usagers, ${demoCitySize.cases} demandes) en ${Date.now() - started} ms.`,
  );
} else {
  console.log(
    `${existed ? 'Le réplica' : 'La base'} ${file} contient déjà des données : rien n'est modifié (npm run seed:demo -- --reset pour repartir de zéro).`,
  );
}
