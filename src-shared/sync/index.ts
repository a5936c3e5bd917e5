export * from './protocol';
export * from './scope';
export * from './entity-registry';
