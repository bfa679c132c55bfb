import { Actor, AuditService, auditInsertSql, badInput, Clock, forbidden, Role } from '@app/core';
import { ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CapacityService, slotAuditJson } from '../capacity.service';
import { copenhagenWallClock } from '../copenhagen-time';
import { CapacityImport, ImportFormat } from './capacity-import.entities';
import { readSheet, tooLarge } from './import-file';
import { ImportColumn, ImportIssue, ImportRow, MAX_IMPORT_SLOTS, validateSheet } from './import-rows';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

/** At most this many problems are listed (errorCount has them all), so a broken file gives a readable report. */
const MAX_LISTED_ISSUES = 500;
const PREVIEW_ROWS = 50;

/** What the Kapacitet screen shows: for a dry run the whole answer, for a commit the report plus what was done. */
export interface ImportReport {
  mode: 'dry-run' | 'commit';
  /** True when the file was written (commit without errors). */
  committed: boolean;
  importId: string | null;
  fileName: string;
  format: ImportFormat;
  /** Data rows read (header and empty lines not counted). */
  rows: number;
  validRows: number;
  /** Slots the valid rows describe (a row with antal = 3 is three slots). */
  slots: number;
  /** Of those, not yet there (dry run: would be created; commit: were created). */
  slotsNew: number;
  /** Of those, already there from an earlier import or publication: re-importing creates no duplicates. */
  slotsExisting: number;
  errorCount: number;
  errors: ImportIssue[];
  columns: Partial<Record<ImportColumn, string>>;
  ignoredColumns: string[];
  preview: {
    row: number;
    provider: string;
    providerId: string;
    cancerArea: string;
    modality: string;
    start: string;
    startLocal: string;
    durationMinutes: number;
    count: number;
    externalId: string | null;
    existing: number;
  }[];
}

/** One slot a valid row stands for. */
interface Candidate {
  r: ImportRow;
  seq: number;
}

/** Slots in the database that already answer to a candidate's key, with what they hold. */
const EXISTING_SQL = `
  SELECT k.i, s.starts_at, s.duration_minutes, s.cancer_area, s.modality, s.external_id IS NOT DISTINCT FROM k.external_id AS same_external
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::text[]) WITH ORDINALITY
    AS k(provider_id, cancer_area, modality, starts_at, seq, external_id, i)
  JOIN LATERAL (
    (SELECT * FROM slot s WHERE k.external_id IS NOT NULL AND s.provider_id = k.provider_id AND s.external_id = k.external_id AND s.seq = k.seq)
    UNION ALL
    (SELECT * FROM slot s WHERE s.provider_id = k.provider_id AND s.cancer_area = k.cancer_area AND s.modality = k.modality
       AND s.starts_at = k.starts_at AND s.seq = k.seq)
    LIMIT 1
  ) s ON true`;

/** All new slots, one audit row each naming the import, in one statement; duplicates are skipped by the unique keys. */
const INSERT_SQL = `
  WITH inserted AS (
    INSERT INTO slot (provider_id, cancer_area, modality, starts_at, seq, duration_minutes, external_id, import_id, published_by)
    SELECT k.provider_id, k.cancer_area, k.modality, k.starts_at, k.seq, k.duration_minutes, k.external_id, $8, $9
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::text[])
      AS k(provider_id, cancer_area, modality, starts_at, seq, duration_minutes, external_id)
    ON CONFLICT DO NOTHING
    RETURNING *
  ), audited AS (
    ${auditInsertSql(`SELECT $9, $10, 'slot.import', 'slot', i.id::text, NULL::jsonb, ${slotAuditJson('i')} FROM inserted i`)}
  )
  SELECT count(*)::int AS n FROM inserted`;

/**
 * Capacity from the regions' own files (CSV or XLSX): a dry run reports every problem and what would happen; a
 * commit writes the whole file in one transaction or nothing. Keys make re-imports idempotent.
 */
@Injectable()
export class CapacityImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ref: ReferenceService,
    private readonly capacity: CapacityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async dryRun(actor: Actor, file: UploadedFile): Promise<ImportReport> {
    const { report, candidates } = await this.check(actor, file, 'dry-run');
    // The valid rows are counted and previewed even when others have errors, so the planner sees the whole picture.
    this.count(report, candidates, await this.existing(this.db.manager, candidates, report));
    return report;
  }

  /** Writes the file if it has no errors; otherwise returns the report with committed = false and writes nothing. */
  async commit(actor: Actor, file: UploadedFile): Promise<ImportReport> {
    const { report, candidates, format, sha256 } = await this.check(actor, file, 'commit');
    if (report.errorCount) return report;
    return this.db.transaction(async (m) => {
      // Checked inside the transaction too: an existing slot with the same booking id but other values is an error.
      const existing = await this.existing(m, candidates, report);
      if (report.errorCount) {
        report.slotsNew = 0;
        return report;
      }
      const record = await m.save(
        CapacityImport,
        m.create(CapacityImport, {
          actorId: actor.userId || null,
          actorLabel: actor.email,
          fileName: report.fileName,
          fileSha256: sha256,
          format,
          rowCount: report.rows,
          slotsCreated: 0,
          slotsExisting: 0,
        }),
      );
      const fresh = candidates.filter((_, i) => !existing.has(i + 1));
      const created = fresh.length ? await this.insert(m, actor, record.id, fresh) : 0;
      record.slotsCreated = created;
      record.slotsExisting = report.slots - created;
      await m.update(
        CapacityImport,
        { id: record.id },
        { slotsCreated: record.slotsCreated, slotsExisting: record.slotsExisting },
      );
      await this.audit.record(m, actor, {
        action: 'capacityImport.commit',
        entityType: 'capacityImport',
        entityId: record.id,
        after: record,
      });
      this.count(report, candidates, existing);
      Object.assign(report, {
        committed: true,
        importId: record.id,
        slotsNew: created,
        slotsExisting: report.slots - created,
      });
      return report;
    });
  }

  /** Import records, newest first: planners see their own, the secretariat all. */
  imports(actor: Actor, first = 50): Promise<CapacityImport[]> {
    const where = actor.role === Role.SECRETARIAT ? {} : { actorId: actor.userId };
    return this.db
      .getRepository(CapacityImport)
      .find({ where, order: { createdAt: 'DESC' }, take: Math.min(Math.max(first, 1), 200) });
  }

  private async check(actor: Actor, file: UploadedFile, mode: ImportReport['mode']) {
    if (actor.role !== Role.SECRETARIAT && actor.role !== Role.PLANNER)
      throw forbidden('Kun planlæggere og sekretariatet kan indlæse kapacitet');
    const fileName = (file.originalname || 'upload')
      .normalize('NFC')
      .replace(/[\p{Cc}/\\]/gu, '_')
      .slice(0, 255);
    const sheet = await readSheet(fileName, file.buffer);
    const [providers, regions, names] = await Promise.all([
      this.ref.providers(),
      this.ref.regionMap(),
      this.capacity.codeDisplayNames(),
    ]);
    const v = await validateSheet(sheet, {
      actor,
      providers,
      regions,
      areaNames: names.cancerAreas,
      modalityNames: names.modalities,
      now: this.clock.now(),
    });
    const candidates: Candidate[] = v.rows.flatMap((r) => Array.from({ length: r.count }, (_, seq) => ({ r, seq })));
    if (candidates.length > MAX_IMPORT_SLOTS) {
      throw tooLarge(
        `Filen beskriver ${candidates.length.toLocaleString('da-DK')} slots; højst ${MAX_IMPORT_SLOTS.toLocaleString('da-DK')} pr. fil. Del den op.`,
      );
    }
    const report: ImportReport = {
      mode,
      committed: false,
      importId: null,
      fileName,
      format: sheet.format,
      rows: v.rowCount,
      validRows: v.rows.length,
      slots: candidates.length,
      slotsNew: 0,
      slotsExisting: 0,
      errorCount: v.issues.length,
      errors: v.issues.slice(0, MAX_LISTED_ISSUES),
      columns: v.columns,
      ignoredColumns: v.ignoredColumns,
      preview: [],
    };
    if (!sheet.rows.length) throw badInput('file', 'Filen har kun en overskriftsrække og ingen data.');
    return { report, candidates, format: sheet.format, sha256: createHash('sha256').update(file.buffer).digest('hex') };
  }

  /**
   * 1-based candidate numbers that already exist. An existing slot found by the booking system's id whose start,
   * duration, area or modality differ is an error: an import never silently changes or duplicates a slot.
   */
  private async existing(m: EntityManager, cs: Candidate[], report: ImportReport): Promise<Set<number>> {
    const rows: {
      i: string;
      starts_at: Date;
      duration_minutes: number;
      cancer_area: string;
      modality: string;
      same_external: boolean;
    }[] = cs.length
      ? await m.query(EXISTING_SQL, [
          cs.map((c) => c.r.provider.id),
          cs.map((c) => c.r.cancerArea),
          cs.map((c) => c.r.modality),
          cs.map((c) => c.r.starts.toISOString()),
          cs.map((c) => c.seq),
          cs.map((c) => c.r.externalId),
        ])
      : [];
    const found = new Set<number>();
    const flagged = new Set<number>();
    for (const x of rows) {
      const i = Number(x.i);
      const c = cs[i - 1];
      found.add(i);
      const differs =
        c.r.externalId !== null &&
        x.same_external &&
        (new Date(x.starts_at).getTime() !== c.r.starts.getTime() ||
          x.duration_minutes !== c.r.durationMinutes ||
          String(x.cancer_area) !== String(c.r.cancerArea) ||
          String(x.modality) !== String(c.r.modality));
      if (differs && !flagged.has(c.r.row)) {
        flagged.add(c.r.row);
        const at = copenhagenWallClock(new Date(x.starts_at));
        report.errorCount++;
        if (report.errors.length < MAX_LISTED_ISSUES) {
          report.errors.push({
            row: c.r.row,
            column: report.columns.externalId ?? 'eksternt id',
            value: c.r.externalId!,
            message: `Eksternt id «${c.r.externalId}» findes allerede hos ${c.r.provider.name} med andre oplysninger (start ${at.date} ${at.time}, ${x.duration_minutes} min.). En import ændrer ikke eksisterende slots: træk det gamle slot tilbage eller giv rækken et nyt id.`,
          });
        }
      }
    }
    report.errors.sort((a, b) => a.row - b.row);
    return found;
  }

  private count(report: ImportReport, cs: Candidate[], existing: Set<number>): void {
    report.slotsExisting = existing.size;
    report.slotsNew = cs.length - existing.size;
    const existingPerRow = new Map<number, number>();
    cs.forEach((c, i) => existing.has(i + 1) && existingPerRow.set(c.r.row, (existingPerRow.get(c.r.row) ?? 0) + 1));
    const rows = [...new Set(cs.map((c) => c.r))].slice(0, PREVIEW_ROWS);
    report.preview = rows.map((r) => {
      const local = copenhagenWallClock(r.starts);
      return {
        row: r.row,
        provider: r.provider.name,
        providerId: r.provider.id,
        cancerArea: r.cancerArea,
        modality: r.modality,
        start: r.starts.toISOString(),
        startLocal: `${local.date} ${local.time}`,
        durationMinutes: r.durationMinutes,
        count: r.count,
        externalId: r.externalId,
        existing: existingPerRow.get(r.row) ?? 0,
      };
    });
  }

  private async insert(m: EntityManager, actor: Actor, importId: string, cs: Candidate[]): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(INSERT_SQL, [
      cs.map((c) => c.r.provider.id),
      cs.map((c) => c.r.cancerArea),
      cs.map((c) => c.r.modality),
      cs.map((c) => c.r.starts.toISOString()),
      cs.map((c) => c.seq),
      cs.map((c) => c.r.durationMinutes),
      cs.map((c) => c.r.externalId),
      importId,
      actor.userId || null,
      actor.email,
    ]);
    return n;
  }
}
