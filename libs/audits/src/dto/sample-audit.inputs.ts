import { CancerArea, IsLocalDate, LocalDateScalar } from '@app/core';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { AuditCriterion, AuditFinding, SampleAuditStatus } from '../sample-audit.entities';

@InputType()
export class StartSampleAuditInput {
  @Field() @IsString() @Length(1, 200) title: string;
  @Field(() => CancerArea) @IsEnum(CancerArea) cancerArea: CancerArea;
  @Field(() => AuditCriterion) @IsEnum(AuditCriterion) criterion: AuditCriterion;
  @Field(() => LocalDateScalar, { description: 'First day of the audited period' }) @IsLocalDate() from: string;
  @Field(() => LocalDateScalar, { description: 'Last day of the audited period (inclusive)' })
  @IsLocalDate()
  to: string;
  @Field(() => Int, { nullable: true, description: 'Pathways to draw per region, 1–100 (default 3)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  perRegion?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Seed of the draw, 0–2147483647; a random one is chosen and stored when left out',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  seed?: number;
}

@InputType()
export class RecordAuditFindingInput {
  @Field(() => ID) @IsUUID() auditId: string;
  @Field(() => ID) @IsUUID() pathwayId: string;
  @Field(() => AuditFinding) @IsEnum(AuditFinding) finding: AuditFinding;
  @Field({ nullable: true, description: 'Why; required for NOT_MET and UNCLEAR. No personal identifiers.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType()
export class CloseSampleAuditInput {
  @Field(() => ID) @IsUUID() auditId: string;
  @Field({ nullable: true, description: 'What the audit found and what the departments can learn from it' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  conclusion?: string;
}

@InputType()
export class SampleAuditFilter {
  @Field(() => SampleAuditStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SampleAuditStatus)
  status?: SampleAuditStatus;
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
}
