export * from './domain-error';
export * from './error-format';
export * from './control-characters.pipe';
