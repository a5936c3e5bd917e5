/**
 * The agent's side of `npm run bench:ui`: what is timed in the page, through the end-to-end tests' page
 * objects (roles and labels) for everything that is not timed.
 */
import type { Page } from 'playwright-core';
import { WorkspaceShell } from '../e2e/pages/workspace-shell';
import type { CaseRef } from './ui-main-process';
import { scrollCaseGrid, timeToPaint, type ScrollOutcome } from './ui-probes';
import { typedQueries } from './workloads';

/** Long enough for a loaded machine, short enough that a screen which never comes fails the run. */
const TIMEOUT_MS = 30_000;

export interface Keystroke {
  /** What the field holds before the keystroke. */
  prefix: string;
  /** The key typed: the query is then `prefix + key`. */
  key: string;
}

/**
 * Keystrokes at the end of what agents type and halfway through it, so prefixes of every length are timed.
 * Only keys that send a keydown (ASCII letters, digits, space): an accented letter is typed as inserted
 * text, which the probe's trigger would not see.
 */
export function keystrokes(count: number): Keystroke[] {
  const typed = typedQueries.filter((query) => !/^[\d\s]+$/.test(query));
  const cuts = typed.flatMap((query) => [query, query.slice(0, Math.ceil(query.length / 2))]);
  const seen = new Set<string>();
  const chosen: Keystroke[] = [];
  for (const query of cuts) {
    const key = query.at(-1) ?? '';
    if (!/^[a-z0-9 ]$/.test(key) || query.trim() !== query || seen.has(query)) continue;
    seen.add(query);
    chosen.push({ prefix: query.slice(0, -1), key });
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} keystrokes available, ${count} asked`);
  return chosen.slice(0, count);
}

/** Keystroke in the search dialog to its results painted (the 150 ms debounce included: the agent waits it). */
export async function timeKeystrokes(page: Page, strokes: readonly Keystroke[]): Promise<number[]> {
  const dialog = await new WorkspaceShell(page).openSearchFromHeader();
  const times: number[] = [];
  for (const { prefix, key } of strokes) {
    if (prefix.trim() === '') await dialog.dialog.getByRole('combobox').fill(prefix);
    else await dialog.searchFor(prefix);
    const query = prefix + key;
    times.push(await timeToPaint(page, { kind: 'search', query, timeoutMs: TIMEOUT_MS }, () => page.keyboard.type(key)));
  }
  await dialog.close();
  return times;
}

export interface OpenedCase {
  id: string;
  ms: number;
}

/** Row `index` (0-based) of the grid scrolled into view and loaded; its tracking code. */
async function loadedRowAt(page: Page, index: number): Promise<{ code: string; click: () => Promise<void> }> {
  await page.evaluate((offset) => {
    const scroller = document.querySelector('main [role="grid"]')?.firstElementChild;
    const row = scroller?.querySelector('[role="rowgroup"] + [role="rowgroup"] [role="row"]');
    if (scroller instanceof HTMLElement && row instanceof HTMLElement) scroller.scrollTop = offset * row.offsetHeight;
  }, index);
  const row = page.locator(`main [role="grid"] [role="row"][aria-rowindex="${index + 2}"]:not([aria-busy="true"])`);
  await row.waitFor();
  const code = (await row.getByRole('gridcell').first().innerText()).trim();
  return { code, click: () => row.click() };
}

/** Click on a row of the case list ("Demandes") to the case's timeline painted, `count` different rows. */
export async function timeCaseOpenings(page: Page, count: number): Promise<{ times: number[]; codes: string[] }> {
  const shell = new WorkspaceShell(page);
  const times: number[] = [];
  const codes: string[] = [];
  for (let sample = 0; sample < count; sample++) {
    await shell.openCaseList();
    // Rows a few apart, further down each time: a different case each time, some pages not loaded before.
    const { code, click } = await loadedRowAt(page, sample * 7);
    times.push(await timeToPaint(page, { kind: 'open-case', trackingCode: code, timeoutMs: TIMEOUT_MS }, click));
    codes.push(code);
  }
  return { times, codes };
}

/** The case list scrolled from its top, `pxPerFrame` a frame (a steady fling) for `frames` frames. */
export async function scrollCaseList(page: Page, pxPerFrame: number, frames: number): Promise<ScrollOutcome> {
  await new WorkspaceShell(page).openCaseList();
  return scrollCaseGrid(page, { pxPerFrame, frames });
}

/**
 * `count` typical actions in turn: a search, opening a case by its tracking code, a note on it, qualifying
 * it (each case is a `new` one, so "Qualifier" is offered). `onProgress` is told every 100 actions.
 */
export async function typicalActions(
  page: Page,
  options: { count: number; cases: readonly CaseRef[]; onProgress: (done: number) => void },
): Promise<void> {
  const shell = new WorkspaceShell(page);
  let done = 0;
  const step = () => {
    done++;
    if (done % 100 === 0) options.onProgress(done);
    return done >= options.count;
  };
  for (let cycle = 0; done < options.count; cycle++) {
    const search = await shell.openSearchFromHeader();
    await search.searchFor(typedQueries[cycle % typedQueries.length] ?? 'dupont');
    await search.close();
    if (step()) return;
    const target = options.cases[cycle % options.cases.length];
    if (target === undefined) throw new Error('no case to open');
    const detail = await (await shell.openSearchFromHeader()).typeTrackingCode(target.trackingCode);
    if (step()) return;
    await detail.addInternalNote(`Note de banc d'essai n° ${cycle + 1} : l'usager a rappelé.`);
    if (step()) return;
    await detail.apply('Qualifier');
    if (step()) return;
  }
}
