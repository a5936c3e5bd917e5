/**
 * How long the workspace's main loop stays blocked while something runs: the event-loop delay histogram
 * of perf_hooks at 1 ms resolution, and a 1 ms interval timer whose late firings are the stalls (when
 * each began, to tell which request's answer caused it). The longest block is the larger of the two.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopBlocks {
  /** The longest time the loop could not run a timer, in ms. */
  maxMs: number;
  p99Ms: number;
  /**
   * The most CPU the process used within one stall (user + system, all threads): on a loaded machine a
   * stall may be the scheduler's, and this tells how much of it was work.
   */
  maxStallCpuMs: number;
  /** Stalls of the loop longer than the threshold, longest first. */
  stalls: { at: number; ms: number; cpuMs: number }[];
}

export async function measureLoop<T>(fn: () => Promise<T>, thresholdMs = 50): Promise<{ result: T; blocks: LoopBlocks }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const stalls: { at: number; ms: number; cpuMs: number }[] = [];
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = 0;
  let maxStallCpuMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const gap = now - last;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    longest = Math.max(longest, gap);
    if (gap > thresholdMs) {
      stalls.push({ at: last, ms: gap, cpuMs });
      maxStallCpuMs = Math.max(maxStallCpuMs, cpuMs);
    }
    last = now;
    lastCpu = process.cpuUsage();
  }, 1);
  histogram.enable();
  try {
    const result = await fn();
    // The block that ended the run is seen at the next tick.
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    histogram.disable();
    const fromHistogram = histogram.max / 1e6;
    return {
      result,
      blocks: {
        maxMs: Math.max(fromHistogram, longest),
        p99Ms: histogram.percentile(99) / 1e6,
        maxStallCpuMs,
        stalls: stalls.sort((a, b) => b.ms - a.ms),
      },
    };
  } finally {
    histogram.disable();
    clearInterval(timer);
  }
}
