import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createCore } from '../../../src-main/core/create-core';
import { createFileKeyStore } from '../../../src-main/db/key-store';
import { createCaller } from '../../../src-main/trpc/root';

/**
 * A workspace in its own process, so a test can really kill it: opens the replica in `dataDir`, signs in
 * if needed, makes `mutations` new cases, then syncs. Reports each step as one JSON line on stdout.
 * argv: dataDir centralUrl email password mutations categoryId
 */
const [dataDir, centralUrl, email, password, mutations, categoryId] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

const core = createCore({
  dataDir,
  migrationsFolder: join(import.meta.dirname, '..', '..', '..', 'drizzle', 'local'),
  keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
  demo: 'never',
  centralUrl,
});
const context = core.createContext();
const caller = createCaller(() => core.createContext());
if (!context.services.sync.status().signedIn) await caller.sync.signIn({ email, password });
context.services.sync.stop();
await context.services.sync.engine.sync().catch(() => undefined);
for (let i = 0; i < Number(mutations); i++) {
  context.services.cases.open(context.services.session.currentAgent()!, { categoryId, channel: 'phone', subject: `Demande ${i + 1}` });
}
say({ step: 'mutated', pending: context.services.sync.status().pending });
// The test says when this sync may start (it first gets ready to kill it).
if (Number(mutations) > 0) for await (const _ of createInterface({ input: process.stdin })) break;
await context.services.sync.engine.sync();
say({ step: 'synced', status: context.services.sync.status() });
core.close();
