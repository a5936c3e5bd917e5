export * from './catalogue';
export * from './zod-issues';
export * from './setting-error';
