/** The shortest gap between two pokes of one workspace. */
export const MIN_POKE_INTERVAL_MS = 15;
const MAX_POKE_INTERVAL_MS = 2_000;
/** Pokes per second the instance sends before it spaces them out (each one becomes a pull). */
export const POKE_BUDGET_PER_SECOND = 2_000;

/**
 * Pokes workspaces, each at most once per gap; a poke that comes sooner is deferred to the end of the gap and
 * carries the last version (the workspace pulls everything anyway). While the instance sends fewer than
 * `budget` pokes a second the gap is the minimum, so a lone change is poked at once (the propagation path);
 * past it the gap grows to `connected / budget` seconds, so a storm of commits costs about `budget` pulls a
 * second, whatever the number of workspaces.
 */
export class PokeScheduler<S extends object> {
  private readonly lastSent = new Map<S, number>();
  private readonly deferred = new Map<S, { timer: NodeJS.Timeout; version: number }>();
  // Pokes sent in the current second and in the previous one: the instance's recent rate.
  private second = 0;
  private sentThisSecond = 0;
  private sentLastSecond = 0;

  constructor(
    private readonly connected: () => number,
    private readonly send: (socket: S, version: number) => void,
    private readonly budgetPerSecond = POKE_BUDGET_PER_SECOND,
    private readonly now: () => number = () => performance.now(),
  ) {}

  poke(socket: S, version: number): void {
    const waiting = this.deferred.get(socket);
    if (waiting !== undefined) {
      waiting.version = Math.max(waiting.version, version);
      return;
    }
    const now = this.now();
    const due = (this.lastSent.get(socket) ?? -Infinity) + this.gap(now);
    if (now >= due) {
      this.sendNow(socket, version, now);
      return;
    }
    const entry = {
      version,
      timer: setTimeout(() => {
        this.deferred.delete(socket);
        this.sendNow(socket, entry.version, this.now());
      }, due - now),
    };
    this.deferred.set(socket, entry);
  }

  forget(socket: S): void {
    clearTimeout(this.deferred.get(socket)?.timer);
    this.deferred.delete(socket);
    this.lastSent.delete(socket);
  }

  close(): void {
    for (const { timer } of this.deferred.values()) clearTimeout(timer);
    this.deferred.clear();
    this.lastSent.clear();
  }

  /** The gap between two pokes of one workspace, from the instance's recent poke rate. */
  gap(now: number): number {
    this.roll(now);
    if (Math.max(this.sentThisSecond, this.sentLastSecond) < this.budgetPerSecond) return MIN_POKE_INTERVAL_MS;
    return Math.min(MAX_POKE_INTERVAL_MS, Math.max(MIN_POKE_INTERVAL_MS, (this.connected() * 1_000) / this.budgetPerSecond));
  }

  private sendNow(socket: S, version: number, now: number): void {
    this.roll(now);
    this.sentThisSecond++;
    this.lastSent.set(socket, now);
    this.send(socket, version);
  }

  private roll(now: number): void {
    const second = Math.floor(now / 1_000);
    if (second === this.second) return;
    this.sentLastSecond = second === this.second + 1 ? this.sentThisSecond : 0;
    this.sentThisSecond = 0;
    this.second = second;
  }
}
