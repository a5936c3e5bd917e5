export * from './protocol';
export * from './scope';
