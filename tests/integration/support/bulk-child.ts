import { bulkCity, fileWorkspace, storeTransport } from './bulk-city';

/**
 * A workspace's first sync in its own process, so that a test can really kill it midway. Its pull number
 * `stopAt` never gets an answer: once the writer thread has committed two pages, it prints
 * `{"waiting":true}` and waits to be killed. argv: replica file, hex key, stopAt.
 */
const [file, hexKey, stopAt] = process.argv.slice(2) as [string, string, string];
const { store, counterId } = bulkCity();
const transport = storeTransport(store, counterId);
let pulls = 0;
let committed = 0;
let twoCommitted: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (twoCommitted = resolve));
const workspace = fileWorkspace(
  file,
  Buffer.from(hexKey, 'hex'),
  {
    push: transport.push,
    pull: async (request) => {
      if (++pulls < Number(stopAt)) return transport.pull(request);
      await ready;
      process.stdout.write(`${JSON.stringify({ waiting: true })}\n`);
      return new Promise(() => undefined);
    },
  },
  {
    bulk: {},
    onChange: () => {
      if (workspace.engine.bootstrapping() && ++committed === 2) twoCommitted();
    },
  },
);
await workspace.engine.sync();
