export * from './catalogue';
export * from './zod-issues';
