import { sendAnswer, type AnswerBody } from './api';

/** One answer given on the kiosk, waiting to reach the service; its id makes every resend harmless. */
export interface PendingAnswer {
  surveyId: string;
  body: AnswerBody;
  givenAt: string;
  attempts: number;
}

export interface OutboxState {
  pending: number;
  /** Answers the service refused for good (survey closed meanwhile…): kept out of the queue, counted. */
  refused: number;
}

const MAX_DELAY_MS = 60_000;

/**
 * The kiosk's waiting answers, in localStorage (they survive a reload, a crash, a night without network).
 * Sent in order; a failure waits 1, 2, 4… up to 60 seconds (or the service's Retry-After), and the browser's
 * `online` event sends at once. An answer is removed only once the service answered for it: stored, already
 * stored (a resend), or refused for good.
 */
export function createOutbox(key: string) {
  const listeners = new Set<(state: OutboxState) => void>();
  let refused = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing = false;
  let failures = 0;

  const read = (): PendingAnswer[] => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as PendingAnswer[]) : [];
    } catch {
      return [];
    }
  };
  const write = (answers: PendingAnswer[]) => {
    localStorage.setItem(key, JSON.stringify(answers));
    const state = { pending: answers.length, refused };
    for (const listener of listeners) listener(state);
  };
  const remove = (id: string) => write(read().filter((answer) => answer.body.id !== id));
  const schedule = (delayMs: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  };

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    timer = null;
    try {
      // The first waiting answer each turn: answers given while sending join the same run.
      for (let answer = read()[0]; answer !== undefined; answer = read()[0]) {
        const outcome = await sendAnswer(answer.surveyId, answer.body);
        if (outcome.kind === 'retry') {
          failures++;
          write(read().map((waiting) => (waiting.body.id === answer.body.id ? { ...waiting, attempts: waiting.attempts + 1 } : waiting)));
          const backoff = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - 1, 6));
          const wait = outcome.retryAfterSeconds !== null ? Math.max(backoff, outcome.retryAfterSeconds * 1000) : backoff;
          schedule(wait * (0.8 + Math.random() * 0.4));
          return;
        }
        failures = 0;
        if (outcome.kind === 'refused') refused++;
        remove(answer.body.id);
      }
    } finally {
      flushing = false;
    }
  }

  window.addEventListener('online', () => {
    failures = 0;
    void flush();
  });

  return {
    add(answer: Omit<PendingAnswer, 'attempts'>) {
      write([...read(), { ...answer, attempts: 0 }]);
      void flush();
    },
    flush,
    state: (): OutboxState => ({ pending: read().length, refused }),
    subscribe(listener: (state: OutboxState) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
