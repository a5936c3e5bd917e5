import { centralPaths } from '../../src-shared/http/endpoints';
import { inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { featuredDemoEmails } from '../../src-shared/demo/demo-accounts';
import type { DemoAccounts } from '../../src-shared/schemas/auth';
import type { CentralDb } from '../db/central-db-types';
import { agents } from '../db/schema';
import { demoPassword } from '../demo';

/**
 * Registered only with `--demo` (server.ts): a newcomer's sign-in screen names the demo accounts. Only those
 * present are named, so a database that already held other data when `--demo` was given names nobody.
 */
export async function demoAccountsRoutes(app: FastifyInstance, options: { db: CentralDb }): Promise<void> {
  app.get(centralPaths.demoAccounts, async (): Promise<DemoAccounts> => {
    const found = await options.db
      .select({ name: agents.name, email: agents.email })
      .from(agents)
      .where(inArray(agents.email, [...featuredDemoEmails]));
    const accounts = featuredDemoEmails.flatMap((email) => found.filter((row) => row.email === email));
    return { password: demoPassword, accounts };
  });
}
