import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../src-shared/domain/clock';

/** Generated values of new mutations (ids, tracking codes): random in use, seeded in the simulation. */
export interface Entropy {
  id(): string;
  random(): number;
}

export function createEntropy(clock: Clock, random?: () => number): Entropy {
  if (random === undefined) return { id: () => uuidv7(), random: Math.random };
  return {
    id: () => {
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
      return uuidv7({ msecs: clock.now().getTime(), random: bytes });
    },
    random,
  };
}
