import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/sign-in-page';
import { SyncPanel } from './pages/sync-panel';
import { WorkspaceShell } from './pages/workspace-shell';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startDemoCentral, startSyncedWorkspace, type SyncedWorkspace } from './support/synced-workspaces';

/**
 * A shared desk (docs/security/sessions.md): a counter agent works and signs out, a field agent of Voirie signs in
 * on the same workspace. The first one's change reaches the central service under their name; the second
 * finds nothing of the citizen file nor of other departments.
 */
describe('agents taking turns at one workspace', () => {
  let central: Awaited<ReturnType<typeof startDemoCentral>>;
  let workspace: SyncedWorkspace;
  let browser: LaunchedBrowser;
  let page: Page;

  const rows = async <T>(query: string): Promise<T[]> =>
    ((await central.central.database.db.execute(query)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    central = await startDemoCentral();
    workspace = await startSyncedWorkspace(central.central.url);
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await workspace?.close();
    await central?.close();
  });

  it('sends the counter agent’s change under their name and shows the field agent only Voirie', async () => {
    const [target] = await rows<{ id: string; code: string }>(
      `SELECT c.id, c.tracking_code AS code FROM cases c JOIN departments d ON d.id = c.department_id WHERE d.code <> 'VOIRIE' AND c.status = 'new' ORDER BY c.tracking_code LIMIT 1`,
    );
    const [citizen] = await rows<{ lastName: string }>(`SELECT last_name AS "lastName" FROM citizens ORDER BY id LIMIT 1`);
    const [camille] = await rows<{ id: string }>(`SELECT id FROM agents WHERE email = 'camille.accueil@rivebelle.example'`);
    const [voirie] = await rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM cases c JOIN departments d ON d.id = c.department_id WHERE d.code = 'VOIRIE'`,
    );

    await page.goto(workspace.url);
    await (await new SignInPage(page).ready()).signIn('camille.accueil@rivebelle.example', 'demo');
    const sync = new SyncPanel(page);
    await sync.waitForState('En ligne');

    // Offline, the counter agent qualifies another department's case; back online, they sign out at once.
    await workspace.link.cut();
    await sync.syncNow();
    await sync.waitForState('Hors ligne');
    const detail = await (await new WorkspaceShell(page).openSearchFromHeader()).typeTrackingCode(target!.code);
    await detail.apply('Qualifier');
    await sync.waitForPending(/^1 modification en attente$/);
    await workspace.link.restore();
    const signIn = await new WorkspaceShell(page).signOut();

    const logged = await rows<{ agentId: string; outcome: string }>(
      `SELECT agent_id AS "agentId", outcome FROM mutation_log WHERE name = 'case.transition' AND args->>'caseId' = '${target!.id}'`,
    );
    expect(logged).toEqual([{ agentId: camille!.id, outcome: 'applied' }]);
    const audited = await rows<{ agentId: string }>(
      `SELECT DISTINCT agent_id AS "agentId" FROM audit_log WHERE entity_id = '${target!.id}' AND agent_id IS NOT NULL`,
    );
    expect(audited).toEqual([{ agentId: camille!.id }]);

    await signIn.signIn('terrain1.voirie@rivebelle.example', 'demo');
    await sync.waitForState('En ligne');
    const shell = new WorkspaceShell(page);
    expect(await shell.currentAgent()).toMatch(/./);
    const search = await shell.openSearchFromHeader();
    expect(await search.searchFor(target!.code)).toEqual({ citizens: [], cases: [] });
    expect((await search.searchFor(citizen!.lastName)).citizens).toEqual([]);
    await search.close();
    const list = await shell.openCaseList();
    expect(await list.total()).toBe(voirie!.count);
  }, 240_000);
});
