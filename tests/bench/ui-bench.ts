/**
 * `npm run bench:ui`: what an agent feels, on the 1,000,000-case replica of `bench:local` (same builder,
 * same cache). The built renderer runs in Chromium over browser mode, the workspace in a child process on a
 * copy of the replica; the page times itself (ui-probes.ts). Measures: cold start to the first screen, a
 * keystroke in the search to its results painted, a click in the case list to the timeline painted, frame
 * times and long tasks while scrolling the list, and the workspace process's RSS after typical actions.
 * `raw` is the same procedure timed in the main process alone. Writes tests/bench/results/ui.json (another
 * size: ui-<cases>.json; --quick: tests/bench/.cache/ui-quick.json) and prints a table. A measurement: it
 * exits 0 whatever the figures.
 *
 * Flags: --quick (20,000 cases, fewer samples and actions: a smoke run), --cases N --citizens N,
 * --samples N (keystrokes and openings, default 60), --actions N (default 1,000), --frames N (scroll, default 500)
 */
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildRenderer, rendererBuildIsCurrent } from '../../src-main/web/renderer-build';
import { DeskPage } from '../e2e/pages/desk-page';
import { launchChromium } from '../e2e/support/chromium';
import { waitUntilReady } from '../e2e/support/session';
import { benchKey, cacheDir, migrationsFolder, openBenchReplica } from './bench-replica';
import { percentile, positiveIntegerFlag } from './measure';
import { formatTable, type Measured } from './sync-report';
import { prepareReplica, timeRaw } from './ui-main-process';
import { installProbes } from './ui-probes';
import { writeUiResults } from './ui-results';
import { keystrokes, scrollCaseList, timeCaseOpenings, timeKeystrokes, typicalActions } from './ui-scenarios';
import { copyReplica, startWorkspaceProcess } from './ui-workspace';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    cases: { type: 'string' },
    citizens: { type: 'string' },
    samples: { type: 'string' },
    actions: { type: 'string' },
    frames: { type: 'string' },
  },
});

function count(name: string, value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : positiveIntegerFlag(name, value);
}

const quick = flags.quick === true;
const size = {
  cases: count('cases', flags.cases, quick ? 20_000 : 1_000_000),
  citizens: count('citizens', flags.citizens, quick ? 4_000 : 200_000),
  notesPerCase: 0,
};
const samples = count('samples', flags.samples, quick ? 20 : 60);
const actions = count('actions', flags.actions, quick ? 100 : 1_000);
const frames = count('frames', flags.frames, quick ? 150 : 500);
/** Ten 52-pixel rows a frame: a steady fling through the list. */
const PX_PER_FRAME = 520;

const repoRoot = join(import.meta.dirname, '..', '..');
const log = (line = '') => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const mb = (bytes: number) => bytes / 1024 / 1024;
const en = (value: number) => value.toLocaleString('en');

async function ensureRenderer(): Promise<string> {
  const staticDir = join(repoRoot, 'dist-renderer');
  if (!rendererBuildIsCurrent(repoRoot, staticDir)) {
    log('Building the renderer (dist-renderer)…');
    await buildRenderer(repoRoot);
  }
  return staticDir;
}

/** The cached replica (generated on first use), copied: the actions write, the cache stays as bench:local uses it. */
function workspaceData() {
  const bench = openBenchReplica(size);
  const file = bench.file;
  bench.replica.close();
  const key = benchKey();
  log('Copying the replica for the workspace…');
  return { data: copyReplica(file, key), key };
}

async function main() {
  log(`Guichet UI benchmark — node ${process.version}, ${availableParallelism()} cores, load average ${load()}`);
  const staticDir = await ensureRenderer();
  const { data, key } = workspaceData();
  const replicaFile = join(data.dataDir, 'replica.db');
  const browser = await launchChromium();
  try {
    const prepared = await prepareReplica(replicaFile, key, migrationsFolder, Math.ceil(actions / 4));
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await installProbes(page);

    log('Cold start: workspace process, then the page, to the first screen…');
    const workspace = await startWorkspaceProcess({ dataDir: data.dataDir, staticDir, migrationsFolder });
    let stopped = false;
    try {
      await page.goto(workspace.url);
      await waitUntilReady(page);
      await new DeskPage(page).ready();
      const coldStartMs = performance.now() - workspace.spawnedAt;
      const rssAtStart = await workspace.rssBytes();

      const strokes = keystrokes(samples);
      log(`Timing ${strokes.length} keystrokes in the search…`);
      const keystrokeMs = await timeKeystrokes(page, strokes);

      log(`Timing ${samples} case openings from the list…`);
      const opened = await timeCaseOpenings(page, samples);

      log(`Scrolling the case list, ${frames} frames of ${PX_PER_FRAME} px…`);
      const scroll = await scrollCaseList(page, PX_PER_FRAME, frames);

      log(`${en(actions)} typical actions (search, open, note, qualify)…`);
      await typicalActions(page, { count: actions, cases: prepared.newCases, onProgress: (done) => log(`  ${en(done)} actions`) });
      const rssAfter = await workspace.rssBytes();
      await workspace.stop();
      stopped = true;

      log('Timing the same searches and case details in the main process alone…');
      const queries = strokes.map((stroke) => stroke.prefix + stroke.key);
      const raw = await timeRaw(replicaFile, key, migrationsFolder, { queries, trackingCodes: opened.codes });

      const lines: Measured[] = [
        line('cold start: process start to first screen ready', coldStartMs, 'ms', workspace.listeningAfterMs),
        line('cold start: of which loading the main core (tsx)', workspace.modulesLoadedAfterMs, 'ms', null),
        line(`search: keystroke to results painted, p95 (${strokes.length} keystrokes)`, percentile(keystrokeMs, 95), 'ms', raw.searchP95),
        line(`search: keystroke to results painted, p50`, percentile(keystrokeMs, 50), 'ms', raw.searchP50),
        line(`open case: click in the list to timeline painted, p95 (${samples} cases)`, percentile(opened.times, 95), 'ms', raw.detailP95),
        line('open case: click in the list to timeline painted, p50', percentile(opened.times, 50), 'ms', raw.detailP50),
        line(`case list scroll (${en(scroll.rowsScrolled)} rows): frame time p95`, percentile(scroll.frameMs, 95), 'ms', null),
        line('case list scroll: frame time max', Math.max(...scroll.frameMs), 'ms', null),
        line('case list scroll: long tasks', scroll.longTasks.length, 'tasks', null),
        line(
          'case list scroll: long tasks, total',
          scroll.longTasks.reduce((sum, ms) => sum + ms, 0),
          'ms',
          null,
        ),
        line('main process RSS at first screen', mb(rssAtStart), 'MB', null),
        line(`main process RSS after ${en(actions)} actions`, mb(rssAfter), 'MB', null),
      ];
      const resultsFile = resultsFileFor(size.cases);
      writeUiResults(resultsFile, lines);
      log();
      log(formatTable(lines));
      log();
      log(`Load average at the end: ${load()} (anything near or above the core count means other processes competed).`);
      log(`Results written to ${resultsFile}`);
    } finally {
      if (!stopped) await workspace.stop();
    }
  } finally {
    await browser.close();
    data.remove();
  }
}

/** A smoke run's figures are not kept (the cache folder is ignored by git); another size gets its own file. */
function resultsFileFor(cases: number): string {
  if (quick) return join(cacheDir, 'ui-quick.json');
  return join(import.meta.dirname, 'results', cases === 1_000_000 ? 'ui.json' : `ui-${cases}.json`);
}

function line(name: string, value: number, unit: string, raw: number | null): Measured {
  return { name, value, unit, raw, target: null };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
