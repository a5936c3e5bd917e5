import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startWorkspace } from './workspace';

export interface GuichetSession {
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh workspace (own data folder, demo city) opened in a fresh Chromium (own user-data folder), once
 * the renderer says it is ready: what every end-to-end test starts from.
 */
export async function openGuichet(): Promise<GuichetSession> {
  const [workspace, browser] = await Promise.allSettled([startWorkspace(), launchChromium()]);
  if (workspace.status === 'rejected' || browser.status === 'rejected') {
    if (workspace.status === 'fulfilled') await workspace.value.close();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw workspace.status === 'rejected' ? workspace.reason : (browser as PromiseRejectedResult).reason;
  }
  const close = async () => {
    await browser.value.close();
    await workspace.value.close();
  };
  try {
    const page = browser.value.context.pages()[0] ?? (await browser.value.context.newPage());
    await page.goto(workspace.value.url);
    await waitUntilReady(page);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A screen the renderer names in `data-app-screen` (see src-renderer/app/workspace-gate.ts). */
export type AppScreen = 'signIn' | 'pickAgent' | 'workspace';

/**
 * The renderer's readiness signal, on any screen or on the one named; "error" means it could not start,
 * which no test should wait out.
 */
export async function waitUntilReady(page: Page, screen?: AppScreen, options: { timeout?: number } = {}): Promise<void> {
  const ready = screen === undefined ? '#root[data-app-state="ready"]' : `#root[data-app-state="ready"][data-app-screen="${screen}"]`;
  const root = page.locator(`${ready}, #root[data-app-state="error"]`);
  await root.waitFor(options);
  if ((await root.getAttribute('data-app-state')) === 'error') {
    throw new Error(`Guichet could not start: ${await page.getByRole('alert').innerText()}`);
  }
}
