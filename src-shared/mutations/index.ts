export * from './definitions';
export * from './effects';
export * from './mutators';
export * from './reapply';
