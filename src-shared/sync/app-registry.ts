import { mutationArgsSchemas, type MutationName } from '../mutations/definitions';
import { mutators } from '../mutations/mutators';
import { entityRegistry } from './entity-registry';
import { createSyncRegistry, type MutationEntry } from './sync-registry';

/** The app's own registry: its entities and its named mutations, the default of every store and replica. */
export const appSyncRegistry = createSyncRegistry(
  entityRegistry,
  Object.fromEntries(
    (Object.keys(mutators) as MutationName[]).map((name): [string, MutationEntry] => [
      name,
      { args: mutationArgsSchemas[name], mutator: mutators[name] as MutationEntry['mutator'] },
    ]),
  ),
);
