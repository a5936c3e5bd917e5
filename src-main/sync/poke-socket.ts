import { listenForPokes, type CentralConnection } from './http-transport';

/** The poke socket of a session: other agents' changes arrive as they happen while it is open (`live`). */
export function createPokeSocket(
  connection: CentralConnection,
  handlers: { onPoke: () => void; onSessionEnded: () => void; onChange?: (() => void) | undefined },
) {
  let stopListening: (() => void) | null = null;
  let live = false;
  return {
    live: () => live,
    listening: () => stopListening !== null,
    start(): void {
      if (stopListening !== null) return;
      stopListening = listenForPokes(
        connection,
        handlers.onPoke,
        (connected) => {
          live = connected;
          handlers.onChange?.();
        },
        handlers.onSessionEnded,
      );
    },
    stop(): void {
      stopListening?.();
      stopListening = null;
    },
  };
}
