import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { UserRef } from '../auth/auth.types';
import { UserEntity } from '../auth/user.entity';
import { Actor } from '../auth/actor';
import { AuditEntry } from './audit.entity';
import { AuditFilter } from './audit.types';
import { Connection, keysetPage, Keyset, Page } from '../graphql/pagination';
import { query } from '../database/query';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/**
 * Audit rows written by a set-based statement of another lib (a CTE that changes many rows at once): `select` yields
 * actor_id, actor_label, action, entity_type, entity_id, before, after in that order. The audit table stays core's.
 */
export function auditInsertSql(select: string): string {
  return `INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, before, after) ${select}`;
}

/** Plain JSON copy for the audit row (Dates → ISO strings, no class instances). */
const snapshot = (o: object | null | undefined) =>
  o ? (JSON.parse(JSON.stringify(o)) as Record<string, unknown>) : null;

/**
 * The rows record() inserts, as one JSON parameter for auditInsertFromJson(): for hot paths that write the audit
 * rows inside a larger statement (same transaction, one round trip).
 */
export function auditRowsJson(actor: Actor, rec: AuditRecord[]): string {
  return JSON.stringify(
    rec.map((r) => ({
      actor_id: actor.userId || null,
      actor_label: actor.email,
      action: r.action,
      entity_type: r.entityType,
      entity_id: r.entityId,
      before: snapshot(r.before),
      after: snapshot(r.after),
    })),
  );
}

/** INSERT of the audit rows auditRowsJson() produced, passed as `param` (e.g. '$5'); usable as a CTE. */
export const auditInsertFromJson = (param: string): string =>
  `INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, before, after)
   SELECT r.actor_id, r.actor_label, r.action, r.entity_type, r.entity_id, r.before, r.after
     FROM jsonb_to_recordset(${param}::jsonb) AS r(actor_id uuid, actor_label text, action text, entity_type text, entity_id text, before jsonb, after jsonb)`;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Must be called with the transaction's manager, so the audit row commits or rolls back with the change. */
  async record(manager: EntityManager, actor: Actor, rec: AuditRecord | AuditRecord[]): Promise<void> {
    const rows = (Array.isArray(rec) ? rec : [rec]).map((r) => ({
      actorId: actor.userId || null,
      actorLabel: actor.email,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: snapshot(r.before),
      after: snapshot(r.after),
    }));
    for (let i = 0; i < rows.length; i += 1000) await manager.insert(AuditEntry, rows.slice(i, i + 1000) as never);
  }

  /**
   * When the newest audit row of an entity type was written, "newest" by entity id (for ids that sort in time, such
   * as the as-of date of an early-warning run); null when there is none. Served by the (entity_type, entity_id) index.
   */
  async lastRecordedAt(entityType: string): Promise<Date | null> {
    const [row] = await query<{ at: Date }>(
      this.db,
      `SELECT at FROM audit_log WHERE entity_type = $1 ORDER BY entity_type, entity_id DESC, id DESC LIMIT 1`,
      [entityType],
    );
    return row?.at ?? null;
  }

  /** Names and e-mails of the users behind ids such as decidedBy/madeBy (per-request DataLoaders). */
  async userRefs(ids: readonly string[]): Promise<UserRef[]> {
    if (!ids.length) return [];
    const rows = await this.db.getRepository(UserEntity).find({ where: { id: In([...ids]) } });
    return rows.map((u) => ({ id: u.id, name: u.displayName, email: u.email }));
  }

  /** Audit rows of many entities of one type at once (per-request DataLoader for `auditTrail` fields), newest first. */
  byEntities(entityType: string, ids: readonly string[]): Promise<AuditEntry[]> {
    return this.db
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.entity_type = :t AND a.entity_id = ANY(:ids)', { t: entityType, ids: [...ids] })
      .orderBy('a.id', 'DESC')
      .getMany();
  }

  /**
   * The `auditLog` list: newest entry first by when it happened (`at`, then id for entries of one transaction),
   * keyset-paged. Not by id alone: history loaded in bulk gets higher ids than entries made before it.
   */
  find(filter: AuditFilter, page: Page): Promise<Connection<AuditEntry>> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :e', { e: filter.entityId });
    if (filter.actorId) qb.andWhere('a.actor_id = :u', { u: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :ac', { ac: filter.action });
    if (filter.since) qb.andWhere('a.at >= :s', { s: filter.since });
    const keyset: Keyset = {
      columns: [
        { sql: 'a.at', kind: 'instant' },
        { sql: 'a.id', kind: 'bigint' },
      ],
      direction: 'DESC',
    };
    return keysetPage(qb, keyset, page);
  }
}
