import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ImportFormat = 'CSV' | 'XLSX';

/** One committed capacity file: who, when, which file, what it did. Owned by libs/capacity. */
@Entity('capacity_import')
export class CapacityImport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text' }) actorLabel: string;
  @Column({ type: 'text' }) fileName: string;
  @Column({ type: 'text' }) fileSha256: string;
  @Column({ type: 'text' }) format: ImportFormat;
  @Column({ type: 'int' }) rowCount: number;
  @Column({ type: 'int' }) slotsCreated: number;
  @Column({ type: 'int' }) slotsExisting: number;
}
