/** The shortest gap between two pokes of one workspace. */
export const MIN_POKE_INTERVAL_MS = 15;
const MAX_POKE_INTERVAL_MS = 1_000;
/** Pokes per second the instance aims to send at most under a storm (each becomes a pull). */
export const POKE_BUDGET_PER_SECOND = 1_000;

interface Pending<S> {
  socket: S;
  timer: NodeJS.Timeout | undefined;
  /** The version last sent, and the highest one waiting to be sent. */
  sent: number;
  waiting: number;
  interval: number;
}

/**
 * Pokes workspaces, each at most once per interval. A lone change is poked at once (the propagation path);
 * a burst is coalesced into a trailing poke that carries the last version. The interval of a socket doubles
 * while its pokes keep coming, up to a ceiling that grows with the number of connected workspaces (so
 * `budget` pokes per second in all, each one a pull), and falls back to the minimum after a quiet interval.
 */
export class PokeScheduler<S extends object> {
  private readonly pending = new Map<S, Pending<S>>();

  constructor(
    private readonly connected: () => number,
    private readonly send: (socket: S, version: number) => void,
    private readonly budgetPerSecond = POKE_BUDGET_PER_SECOND,
  ) {}

  poke(socket: S, version: number): void {
    const queued = this.pending.get(socket);
    if (queued !== undefined) {
      queued.waiting = Math.max(queued.waiting, version);
      return;
    }
    this.send(socket, version);
    this.wait({ socket, timer: undefined, sent: version, waiting: version, interval: MIN_POKE_INTERVAL_MS });
  }

  forget(socket: S): void {
    clearTimeout(this.pending.get(socket)?.timer);
    this.pending.delete(socket);
  }

  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** The ceiling of a socket's interval: the budget shared among the connected workspaces. */
  ceiling(): number {
    return Math.min(MAX_POKE_INTERVAL_MS, Math.max(MIN_POKE_INTERVAL_MS, (this.connected() * 1_000) / this.budgetPerSecond));
  }

  private wait(entry: Pending<S>): void {
    entry.timer = setTimeout(() => {
      if (entry.waiting <= entry.sent) {
        // Quiet for a whole interval: the next change is poked at once again.
        this.pending.delete(entry.socket);
        return;
      }
      this.send(entry.socket, entry.waiting);
      entry.sent = entry.waiting;
      entry.interval = Math.min(entry.interval * 2, Math.max(MIN_POKE_INTERVAL_MS, this.ceiling()));
      this.wait(entry);
    }, entry.interval);
    this.pending.set(entry.socket, entry);
  }
}
