import { CancerArea, LocalDateScalar } from '@app/core';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditCriterion {
  TREATED_LATE = 'TREATED_LATE',
  DECLINED_OFFER = 'DECLINED_OFFER',
  NO_OFFER_BEFORE_DEADLINE = 'NO_OFFER_BEFORE_DEADLINE',
}
registerEnumType(AuditCriterion, {
  name: 'AuditCriterion',
  description: 'Which pathways of the cancer area and period make up the population the sample is drawn from',
  valuesMap: {
    TREATED_LATE: { description: 'Treated in the period, after the deadline' },
    DECLINED_OFFER: { description: 'At least one offer made in the period was declined' },
    NO_OFFER_BEFORE_DEADLINE: {
      description: 'Deadline in the period and passed, not treated by it, and no offer made on or before it',
    },
  },
});

export enum AuditFinding {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  UNCLEAR = 'UNCLEAR',
}
registerEnumType(AuditFinding, {
  name: 'AuditFinding',
  description: 'Whether the region met its handlepligt (duty to offer treatment elsewhere) for the pathway',
  valuesMap: {
    MET: { description: 'Handlepligt met' },
    NOT_MET: { description: 'Handlepligt not met' },
    UNCLEAR: { description: 'Cannot be decided from the evidence' },
  },
});

export enum SampleAuditStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(SampleAuditStatus, { name: 'SampleAuditStatus' });

@ObjectType({ description: 'The population and sample of one region (stratum)' })
export class AuditStratum {
  @Field(() => Int, { description: 'Region valid on the last day of the audited period' }) regionCode: number;
  @Field(() => Int, { description: 'Pathways of the region matching the criterion' }) population: number;
  @Field(() => Int) sampled: number;
}

@ObjectType({ description: 'Findings recorded so far' })
export class AuditFindingCounts {
  @Field(() => Int) met: number;
  @Field(() => Int) notMet: number;
  @Field(() => Int) unclear: number;
  @Field(() => Int) notAssessed: number;
}

@ObjectType({
  description: 'A sample audit: a reproducible, region-stratified random sample of pathways and a finding for each',
})
@Entity('sample_audit')
export class SampleAudit {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field() @Column({ type: 'text' }) title: string;
  @Field(() => CancerArea) @Column({ type: 'text' }) cancerArea: CancerArea;
  @Field(() => AuditCriterion) @Column({ type: 'text' }) criterion: AuditCriterion;
  @Field(() => LocalDateScalar, { description: 'First day of the audited period' })
  @Column({ type: 'date' })
  periodFrom: string;
  @Field(() => LocalDateScalar, { description: 'Last day of the audited period (inclusive)' })
  @Column({ type: 'date' })
  periodTo: string;
  @Field(() => Int, { description: 'The seed of the draw: with the same data, the same seed draws the same sample' })
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seed: number;
  @Field(() => Int, { description: 'Pathways drawn per region (fewer where the region has fewer)' })
  @Column({ type: 'int' })
  perRegion: number;
  @Field(() => LocalDateScalar, {
    description: 'The date the population was taken on (for deadlines that have passed)',
  })
  @Column({ type: 'date' })
  asOf: string;
  @Field(() => Int, { description: 'Pathways matching the criterion, all regions' })
  @Column({ type: 'int' })
  population: number;
  @Field(() => [AuditStratum]) @Column({ type: 'jsonb' }) strata: AuditStratum[];
  @Field(() => SampleAuditStatus) @Column({ type: 'text' }) status: SampleAuditStatus;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) conclusion: string | null;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) closedBy: string | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
}

@ObjectType({ description: "A pathway drawn for a sample audit, with the secretariat's finding" })
@Entity('sample_audit_pathway')
export class SampledPathway {
  @Field(() => ID) @PrimaryColumn({ type: 'uuid' }) auditId: string;
  @Field(() => ID) @PrimaryColumn({ type: 'uuid' }) pathwayId: string;
  @Field(() => Int, { description: 'The stratum: region valid on the last day of the audited period' })
  @Column({ type: 'int' })
  regionCode: number;
  @Field(() => Int, { description: 'Position in the draw (0 first)' }) @Column({ type: 'int' }) drawOrder: number;
  @Field(() => AuditFinding, { nullable: true }) @Column({ type: 'text', nullable: true }) finding: AuditFinding | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) note: string | null;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) assessedBy: string | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) assessedAt: Date | null;
}
