import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseDetailPage } from './pages/case-detail-page';
import { SignInPage } from './pages/sign-in-page';
import { SyncPanel } from './pages/sync-panel';
import { WorkspaceShell } from './pages/workspace-shell';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startDemoCentral, startSyncedWorkspace, type SyncedWorkspace } from './support/synced-workspaces';

/** One agent at one workspace, in its own Chromium. */
interface Desk {
  workspace: SyncedWorkspace;
  browser: LaunchedBrowser;
  page: Page;
}

describe('two workspaces on one central service', () => {
  let central: Awaited<ReturnType<typeof startDemoCentral>>;
  const desks: Desk[] = [];

  const openDesk = async (email: string): Promise<Desk> => {
    const workspace = await startSyncedWorkspace(central.central.url);
    const browser = await launchChromium();
    const desk = { workspace, browser, page: browser.context.pages()[0] ?? (await browser.context.newPage()) };
    desks.push(desk);
    await desk.page.goto(workspace.url);
    await new SignInPage(desk.page).ready().then((signIn) => signIn.signIn(email, 'demo'));
    return desk;
  };

  /** A case of the demo city both agents may act on, read from the central database. */
  const newVoirieCase = async (): Promise<string> => {
    const result = (await central.central.database.db.execute(
      `SELECT c.tracking_code AS code FROM cases c JOIN departments d ON d.id = c.department_id WHERE d.code = 'VOIRIE' AND c.status = 'new' ORDER BY c.tracking_code LIMIT 1`,
    )) as unknown as { rows: { code: string }[] };
    const code = result.rows[0]?.code;
    if (code === undefined) throw new Error('the demo city has no new Voirie case');
    return code;
  };

  beforeAll(async () => {
    central = await startDemoCentral();
  }, 120_000);
  afterAll(async () => {
    for (const desk of desks) {
      await desk.browser.close();
      await desk.workspace.close();
    }
    await central?.close();
  });

  it('shows one agent’s change to the other live, and brings an offline agent’s refused change to their inbox', async () => {
    const a = await openDesk('camille.accueil@rivebelle.example');
    const b = await openDesk('responsable.voirie@rivebelle.example');
    await new SyncPanel(a.page).waitForState('En ligne');

    // Both open the same new Voirie case by its code; A qualifies it; B sees it without reloading.
    const code = await newVoirieCase();
    const onB = await (await new WorkspaceShell(b.page).openSearchFromHeader()).typeTrackingCode(code);
    const onA = await (await new WorkspaceShell(a.page).openSearchFromHeader()).typeTrackingCode(code);
    expect(await onB.status()).toBe('Nouvelle');
    await onA.apply('Qualifier');
    await onB.waitForStatus('Qualifiée');

    // A loses the network; both act on the same case; A's change is refused once A is back.
    const syncA = new SyncPanel(a.page);
    await a.workspace.link.cut();
    await syncA.syncNow();
    await syncA.waitForState('Hors ligne');
    await onA.apply('Annuler la demande');
    await syncA.waitForPending(/^1 modification en attente$/);
    await onB.apply('Prendre en charge');

    await a.workspace.link.restore();
    await syncA.syncNow();
    await syncA.waitForPending(/^Aucune modification en attente$/);
    await onA.waitForStatus('Affectée');
    expect(await new CaseDetailPage(b.page).status()).toBe('Affectée');

    const refused = await syncA.openInbox();
    expect(refused).toEqual(['Changement de statut : Annuler la demande']);
    const text = await syncA.refusalText(refused[0]!);
    expect(text).toContain('Affectée');
    expect(text).toMatch(/Motif du refus/);
  }, 240_000);
});
