export * from './audit';
export * from './auth';
export * from './cases';
export * from './citizens';
export * from './reference';
export * from './sync';
export * from './surveys';
export * from './campaigns';
