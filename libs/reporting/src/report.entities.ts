import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum ReportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(ReportStatus, { name: 'ReportStatus' });

/** The text outputs (rendered from the data by renderReport) and the PDF printed from the HTML. */
export type TextReportFormat = 'json' | 'csv' | 'html';
export type ReportFormat = TextReportFormat | 'pdf';
export const REPORT_FORMATS: readonly TextReportFormat[] = ['json', 'csv', 'html'];

/** One requested annual (or quarterly) capacity status report and the state of its compile job. */
@ObjectType('ReportJob', { description: 'An annual capacity status report and its compile job (domain.md §9)' })
@Entity('report')
export class Report {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ReportStatus) @Column({ type: 'text' }) status: ReportStatus;
  @Field(() => Int, { description: '0–100, updated after each figure group' })
  @Column({ type: 'int' })
  progress: number;
  @Field(() => String, {
    nullable: true,
    description: 'Last error; the job is retried with backoff until FAILED. On a DONE report: why there is no PDF',
  })
  @Column({ type: 'text', nullable: true })
  error: string | null;
  @Field(() => Int) @Column({ type: 'int' }) year: number;
  @Field(() => Int, { nullable: true, description: 'Null for the whole year' })
  @Column({ type: 'int', nullable: true })
  quarter: number | null;
  @Field(() => Int, { description: 'Compile attempts started (a retried or resumed job counts again)' })
  @Column({ type: 'int' })
  runs: number;
  @Column({ type: 'uuid', nullable: true }) runId: string | null;
  @Column({ type: 'uuid', nullable: true }) requestedBy: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 (hex) of the JSON output: equal data gives an equal hash',
  })
  @Column({ type: 'text', nullable: true })
  sha256: string | null;
}

/** A rendered output of a finished report, stored so downloads are the exact bytes that were hashed. */
@Entity('report_output')
export class ReportOutput {
  @PrimaryColumn({ type: 'uuid' }) reportId: string;
  @PrimaryColumn({ type: 'text' }) format: ReportFormat;
  /** Text formats. */
  @Column({ type: 'text', nullable: true }) content: string | null;
  /** The PDF's bytes. */
  @Column({ type: 'bytea', nullable: true }) data: Buffer | null;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'int' }) bytes: number;
}
