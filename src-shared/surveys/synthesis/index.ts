export * from './answer-values';
export * from './small-segments';
export * from './questions';
export * from './results';
export * from './crosstab';
export * from './schemas';
export * from './export-layout';
