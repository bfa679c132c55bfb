import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts every SQL statement the process sends, so tests can prove a GraphQL request issues a bounded number of
 * queries (no N+1). Counting is one increment; nothing is logged here (errors surface as exceptions).
 */
export class QueryCounter implements TypeOrmLogger {
  static count = 0;
  logQuery(): void {
    QueryCounter.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
