/**
 * What `npm run bench:ui` measures inside the page, where the paint happens. Plain JavaScript in a string,
 * installed with addInitScript: tsx rewrites named functions with a helper the page does not have, so a
 * function handed to page.evaluate from this process could not run there.
 *
 * - `arm(spec)`: waits for the next trigger event (keydown or click) and resolves, once the DOM shows the
 *   expected screen, with the time from that event to the frame after it painted (requestAnimationFrame,
 *   then a message: the message runs after the frame was drawn).
 * - `scroll(spec)`: scrolls the case grid by `pxPerFrame` each frame for `frames` frames and returns the frame
 *   times (requestAnimationFrame deltas) and the long tasks seen meanwhile (PerformanceObserver 'longtask').
 */
import type { Page } from 'playwright-core';

export type ArmSpec = { kind: 'search'; query: string; timeoutMs: number } | { kind: 'open-case'; trackingCode: string; timeoutMs: number };

export interface ScrollSpec {
  pxPerFrame: number;
  frames: number;
}

export interface ScrollOutcome {
  frameMs: number[];
  longTasks: number[];
  rowsScrolled: number;
}

const probeScript = String.raw`
(() => {
  const summaryPattern = /^(Aucun résultat\.|\d+ usager\(s\), \d+ demande\(s\)\.)/;
  const afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
  const searchState = (query) => {
    const input = document.activeElement;
    if (!(input instanceof HTMLInputElement)) return 'no-field';
    const root = input.closest('[role="dialog"]') || document.querySelector('main') || document.body;
    const texts = Array.from(root.querySelectorAll('[aria-live="polite"]'), (node) => (node.textContent || '').trim());
    const settled = texts.some((text) => summaryPattern.test(text));
    if (!settled) return 'cleared';
    return input.value === query ? 'shown' : 'stale';
  };
  const caseShown = (code) => {
    const main = document.querySelector('main');
    const title = main && main.querySelector('h1');
    if (!title || title.textContent.trim() !== code) return false;
    return Array.from(main.querySelectorAll('section')).some(
      (section) => section.querySelector('h2') !== null && section.querySelectorAll('p').length > 0,
    );
  };
  const arm = (spec) => {
    let startedAt = null;
    let cleared = spec.kind === 'search' && searchState(spec.query) !== 'stale';
    const done = (resolve) => afterPaint().then((paintedAt) => resolve(paintedAt - startedAt));
    const result = new Promise((resolve, reject) => {
      let finished = false;
      const check = () => {
        if (finished || startedAt === null) return;
        if (spec.kind === 'search') {
          const state = searchState(spec.query);
          if (state === 'cleared') cleared = true;
          if (!(cleared && state === 'shown')) return;
        } else if (!caseShown(spec.trackingCode)) return;
        finished = true;
        observer.disconnect();
        clearTimeout(timer);
        done(resolve);
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      const trigger = spec.kind === 'search' ? 'keydown' : 'click';
      document.addEventListener(trigger, (event) => { startedAt = event.timeStamp; }, { capture: true, once: true });
      const timer = setTimeout(() => {
        finished = true;
        observer.disconnect();
        reject(new Error('bench:ui: ' + spec.kind + ' not shown within ' + spec.timeoutMs + ' ms'));
      }, spec.timeoutMs);
    });
    window.__benchUi.pending = result;
  };
  const scroll = async (spec) => {
    const grid = document.querySelector('main [role="grid"]');
    const scroller = grid && grid.firstElementChild;
    if (!scroller) throw new Error('bench:ui: no case grid to scroll');
    const longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const rowHeight = (scroller.querySelector('[role="rowgroup"] + [role="rowgroup"] [role="row"]') || { offsetHeight: 1 }).offsetHeight || 1;
    const startTop = scroller.scrollTop;
    const frameMs = [];
    let last = await new Promise((resolve) => requestAnimationFrame(resolve));
    for (let frame = 0; frame < spec.frames; frame++) {
      scroller.scrollTop += spec.pxPerFrame;
      const now = await new Promise((resolve) => requestAnimationFrame(resolve));
      frameMs.push(now - last);
      last = now;
    }
    // Long tasks are reported after they end: let the last frames' arrive.
    await afterPaint();
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return { frameMs, longTasks, rowsScrolled: Math.round((scroller.scrollTop - startTop) / rowHeight) };
  };
  window.__benchUi = { arm, scroll, pending: null };
})();
`;

interface ProbeWindow {
  __benchUi: { arm(spec: ArmSpec): void; scroll(spec: ScrollSpec): Promise<ScrollOutcome>; pending: Promise<number> | null };
}

export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript({ content: probeScript });
}

/** Arms the probe, runs `trigger` (the keystroke or click), returns the milliseconds to the painted result. */
export async function timeToPaint(page: Page, spec: ArmSpec, trigger: () => Promise<void>): Promise<number> {
  await page.evaluate((armed) => (window as unknown as ProbeWindow).__benchUi.arm(armed), spec);
  await trigger();
  return page.evaluate(() => (window as unknown as ProbeWindow).__benchUi.pending as Promise<number>);
}

export function scrollCaseGrid(page: Page, spec: ScrollSpec): Promise<ScrollOutcome> {
  return page.evaluate((scrolling) => (window as unknown as ProbeWindow).__benchUi.scroll(scrolling), spec);
}
