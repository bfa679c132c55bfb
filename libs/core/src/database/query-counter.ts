import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts every SQL statement the process sends, so tests can prove a GraphQL request issues a bounded number of
 * queries (no N+1), and lets a listener see the statements (the benchmark replays createOffer's own SQL as its raw
 * floor). Counting is one increment; nothing is logged here (errors surface as exceptions).
 */
export class QueryCounter implements TypeOrmLogger {
  static count = 0;
  private static readonly listeners = new Set<(sql: string) => void>();

  /** Calls `fn` with the text of every statement sent from now on, until the returned function is called. */
  static listen(fn: (sql: string) => void): () => void {
    QueryCounter.listeners.add(fn);
    return () => QueryCounter.listeners.delete(fn);
  }

  logQuery(sql: string): void {
    QueryCounter.count++;
    for (const fn of QueryCounter.listeners) fn(sql);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
