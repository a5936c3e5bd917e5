/**
 * A setting or an argument the person starting a program must fix (an environment variable, settings.json,
 * a command line): never seen by a client, printed in one line by the entry point that catches it. What a
 * client may see is a catalogue error (`fail`); a broken invariant is a plain Error.
 */
export class SettingError extends Error {
  override name = 'SettingError';
}
