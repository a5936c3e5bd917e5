import { centralPaths } from '../../src-shared/http/endpoints';
import { demoAccountsSchema, type DemoAccounts } from '../../src-shared/schemas/auth';

/**
 * The demo accounts a demo central service names for its sign-in screen; null from any other service, an
 * older one, or one out of reach (the screen then just has no list). One GET before a sign-in: plain fetch.
 */
export async function fetchDemoAccounts(centralUrl: string | null, timeoutMs = 5_000): Promise<DemoAccounts | null> {
  if (centralUrl === null) return null;
  try {
    const response = await fetch(new URL(centralPaths.demoAccounts, centralUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    const parsed = demoAccountsSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
