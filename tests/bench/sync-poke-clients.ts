/**
 * The many connected clients of the throughput measure, in a process of their own: 200 clients parsing
 * pull answers on one event loop would otherwise queue the pushers' requests behind them, and the push
 * latency measured would be this load generator's, not the central service's (real clients each have a
 * machine). `startPokeClients` forks this file; the child runs the clients and answers over IPC.
 */
import { fork } from 'node:child_process';
import { PokeClient, type SignedIn } from './sync-workspace';

type Request = { id: number } & ({ type: 'pull-on-poke'; value: boolean } | { type: 'idle' } | { type: 'stats' } | { type: 'close' });
type Reply = { id: number } & (
  { type: 'done' } | { type: 'stats'; pokes: number; pulls: number; errors: number } | { type: 'error'; message: string }
);
interface Options {
  centralUrl: string;
  identities: SignedIn[];
  head: number;
  count: number;
}

export interface PokeClients {
  setPullOnPoke(value: boolean): Promise<void>;
  /** Resolves once no client is pulling. */
  idle(): Promise<void>;
  stats(): Promise<{ pokes: number; pulls: number; errors: number }>;
  close(): Promise<void>;
}

/** Forks the child, which connects `count` clients (caught up at `head`) before this resolves. */
export async function startPokeClients(options: Options): Promise<PokeClients> {
  const child = fork(import.meta.filename, [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (reply: Reply) => void>();
  let nextId = 1;
  let failure: Error | null = null;
  child.on('message', (reply: Reply) => waiting.get(reply.id)?.(reply));
  child.once('exit', (code) => {
    failure = new Error(`the poke clients' process exited (code ${String(code)})`);
    for (const resolve of waiting.values()) resolve({ id: 0, type: 'error', message: failure.message });
  });
  const ask = (message: Record<string, unknown>): Promise<Reply> => {
    if (failure !== null) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, (reply) => {
        waiting.delete(id);
        if (reply.type === 'error') reject(new Error(`poke clients: ${reply.message}`));
        else resolve(reply);
      });
      child.send({ ...message, id });
    });
  };
  await ask({ type: 'start', options });
  return {
    setPullOnPoke: async (value) => void (await ask({ type: 'pull-on-poke', value })),
    idle: async () => void (await ask({ type: 'idle' })),
    stats: async () => {
      const reply = await ask({ type: 'stats' });
      if (reply.type !== 'stats') throw new Error('poke clients: no stats');
      return { pokes: reply.pokes, pulls: reply.pulls, errors: reply.errors };
    },
    close: async () => {
      await ask({ type: 'close' }).catch(() => undefined);
      if (child.exitCode === null) child.kill();
    },
  };
}

async function runChild(): Promise<void> {
  let clients: PokeClient[] = [];
  const reply = (message: Reply) => process.send?.(message);
  process.on('message', (message: Request | { id: number; type: 'start'; options: Options }) => {
    const answer = async (): Promise<Reply> => {
      switch (message.type) {
        case 'start': {
          const { centralUrl, identities, head, count } = message.options;
          clients = Array.from(
            { length: count },
            (_, i) => new PokeClient(centralUrl, identities[i % identities.length] as SignedIn, head),
          );
          for (let i = 0; i < clients.length; i += 20) await Promise.all(clients.slice(i, i + 20).map((client) => client.connect()));
          return { id: message.id, type: 'done' };
        }
        case 'pull-on-poke':
          for (const client of clients) client.pullOnPoke = message.value;
          return { id: message.id, type: 'done' };
        case 'idle':
          await Promise.all(clients.map((client) => client.idle()));
          return { id: message.id, type: 'done' };
        case 'stats': {
          const sum = (pick: (client: PokeClient) => number) => clients.reduce((total, client) => total + pick(client), 0);
          return {
            id: message.id,
            type: 'stats',
            pokes: sum((c) => c.stats.pokes),
            pulls: sum((c) => c.stats.pulls),
            errors: sum((c) => c.stats.errors),
          };
        }
        case 'close':
          for (const client of clients) client.close();
          setTimeout(() => process.exit(0), 50);
          return { id: message.id, type: 'done' };
      }
    };
    answer().then(reply, (error: unknown) =>
      reply({ id: message.id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  });
}

if (process.send !== undefined && process.argv[1] === import.meta.filename) void runChild();
