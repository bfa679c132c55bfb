export * from './iso-date.scalar';
export * from './json.scalar';
export * from './pagination';
export * from './loaders';
export * from './is-local-date';
export * from './limits';
export * from './date-time.scalar';
export * from './cost';
