import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/sign-in-page';
import { WorkspaceShell } from './pages/workspace-shell';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startDemoCentral, startSyncedWorkspace, type SyncedWorkspace } from './support/synced-workspaces';

/** A newcomer's first minute at a workspace of a demo central service: who can I sign in as, then work. */
describe('signing in at a workspace of a demo central service', () => {
  let central: Awaited<ReturnType<typeof startDemoCentral>>;
  let workspace: SyncedWorkspace;
  let browser: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    central = await startDemoCentral({ city: { citizens: 200, cases: 500 } });
    workspace = await startSyncedWorkspace(central.central.url);
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });
  afterAll(async () => {
    await browser?.close();
    await workspace?.close();
    await central?.close();
  });

  it('names the demo accounts on the sign-in screen, signs in with one picked, and opens the search with Ctrl+K at once', async () => {
    await page.goto(workspace.url);
    const signIn = await new SignInPage(page).ready();
    expect(await signIn.demoAccounts()).toEqual([
      'Remplir avec le compte de Camille Accueil (camille.accueil@rivebelle.example)',
      'Remplir avec le compte de Responsable Voirie (responsable.voirie@rivebelle.example)',
      'Remplir avec le compte de Agent de terrain Voirie 1 (terrain1.voirie@rivebelle.example)',
      'Remplir avec le compte de Nadia Administratrice (nadia.admin@rivebelle.example)',
    ]);
    await signIn.signInAsDemoAccount('Camille Accueil');
    const shell = new WorkspaceShell(page);
    const search = await shell.openSearchWithShortcut();
    await search.close();
    expect(await shell.currentAgent()).toBe('Camille Accueil');
  });
});
