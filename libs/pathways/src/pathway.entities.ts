import { CancerArea, LocalDateScalar, Modality } from '@app/core';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum PathwayPhase {
  DIAGNOSTIC = 'DIAGNOSTIC',
  PRIMARY_TREATMENT = 'PRIMARY_TREATMENT',
  ADJUVANT_TREATMENT = 'ADJUVANT_TREATMENT',
}
export enum PathwayStatus {
  WAITING = 'WAITING',
  OFFERED = 'OFFERED',
  SCHEDULED = 'SCHEDULED',
  TREATED = 'TREATED',
  CLOSED = 'CLOSED',
}
export enum PauseReason {
  PATIENT_CHOICE = 'PATIENT_CHOICE',
  HEALTH = 'HEALTH',
}
registerEnumType(PathwayPhase, { name: 'PathwayPhase' });
registerEnumType(PathwayStatus, { name: 'PathwayStatus' });
registerEnumType(PauseReason, { name: 'PauseReason' });

export const OPEN_STATUSES = [PathwayStatus.WAITING, PathwayStatus.OFFERED];

/**
 * One patient's wait in one phase. `deadline`, `baseDeadline`, `pausedDays` and `ruleSet` are written only from
 * libs/deadline's computeDeadline (never by a user) and kept so SQL can filter and sort by them.
 */
@ObjectType()
@Entity('pathway')
export class Pathway {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field({ description: "The region's own pseudonymous case number (unique per region)" })
  @Column({ type: 'text' })
  reference: string;
  @Field(() => Int, { description: 'Home region, as valid on clockStart' }) @Column({ type: 'int' }) regionCode: number;
  @Field(() => Int) @Column({ type: 'int' }) homeMunicipalityCode: number;
  @Field(() => CancerArea) @Column({ type: 'text' }) cancerArea: CancerArea;
  @Field(() => PathwayPhase) @Column({ type: 'text' }) phase: PathwayPhase;
  @Field(() => Modality) @Column({ type: 'text' }) modality: Modality;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) clockStart: string;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', nullable: true }) patientAcceptedOn:
    string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: "The own region's expected treatment date" })
  @Column({ type: 'date', nullable: true })
  expectedDate: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', nullable: true }) treatedOn: string | null;
  @Field(() => PathwayStatus) @Column({ type: 'text' }) status: PathwayStatus;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) deadline: string;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) baseDeadline: string;
  @Field(() => Int) @Column({ type: 'int' }) pausedDays: number;
  @Field() @Column({ type: 'text' }) ruleSet: string;
  @Field({ description: 'Open and without an expected date on or before the deadline' })
  @Column({ type: 'boolean', insert: false, update: false })
  atRisk: boolean;
  @Field(() => Int, {
    nullable: true,
    description: "The patient's travel limit in km (null = not asked); a hard constraint in matching",
  })
  @Column({ type: 'int', nullable: true })
  maxTravelKm: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Accepts treatment abroad (null = not asked)' })
  @Column({ type: 'boolean', nullable: true })
  acceptsAbroad: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Accepts a private hospital (null = not asked)' })
  @Column({ type: 'boolean', nullable: true })
  acceptsPrivate: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The patient cannot come before this day' })
  @Column({ type: 'date', nullable: true })
  notBefore: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Field() @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}

@ObjectType()
@Entity('pathway_pause')
export class PathwayPause {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ type: 'uuid' }) pathwayId: string;
  @Field(() => LocalDateScalar, { description: 'First paused day (inclusive)' })
  @Column({ type: 'date' })
  fromDate: string;
  @Field(() => LocalDateScalar, { description: 'First day after the pause (exclusive)' })
  @Column({ type: 'date' })
  toDate: string;
  @Field(() => PauseReason) @Column({ type: 'text' }) reason: PauseReason;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) note: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@ObjectType()
@Entity('early_warning')
export class EarlyWarning {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ type: 'uuid' }) pathwayId: string;
  @Field(() => Int) @Column({ type: 'int' }) regionCode: number;
  @Field(() => CancerArea) @Column({ type: 'text' }) cancerArea: CancerArea;
  @Field(() => LocalDateScalar, { description: 'The deadline the warning is about (a moved deadline warns again)' })
  @Column({ type: 'date' })
  deadline: string;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) raisedOn: string;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
