export * from './protocol';
export * from './scope';
export * from './entity-registry';
export * from './sync-registry';
export * from './app-registry';
