export * from './data-source';
export * from './database.module';
export * from './snake-naming.strategy';
export * from './sql';
export * from './query-counter';
export * from './query';
