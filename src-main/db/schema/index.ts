export * from './bookkeeping';
export * from './cases';
export * from './citizens';
export * from './reference';
export * from './surveys';
export * from './voice';
export * from './survey-synthesis';
