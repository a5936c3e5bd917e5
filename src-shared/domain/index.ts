export * from './case-status';
export * from './deadline';
export * from './permissions';
export * from './phone';
export * from './similarity';
export * from './tracking-code';
