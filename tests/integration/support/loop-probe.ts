/**
 * Runs `look` at every turn of the event loop while `work` runs: what a procedure or a timer would see
 * between a sync's slices.
 */
export async function probingEachTurn<T>(look: () => void, work: () => Promise<T>): Promise<T> {
  let probing = true;
  const probe = () => {
    look();
    if (probing) setImmediate(probe);
  };
  setImmediate(probe);
  try {
    return await work();
  } finally {
    probing = false;
  }
}
