import packageJson from '../package.json' with { type: 'json' };

/** The service's version, reported by /health: the workspace and the service ship together. */
export const centralVersion: string = packageJson.version;
