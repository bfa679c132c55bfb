import { CancerArea, IsLocalDate, LocalDateScalar, Modality } from '@app/core';
import { Type } from 'class-transformer';
import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import {
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PathwayPhase, PathwayStatus, PauseReason } from '../pathway.entities';

@InputType()
export class RegisterPathwayInput {
  @Field({ description: "The region's own pseudonymous case number; never a CPR number" })
  @IsString()
  @Length(1, 64)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, { message: 'reference may contain letters, digits, space and . _ / -' })
  reference: string;
  @Field(() => Int) @IsInt() @Min(101) @Max(999) homeMunicipalityCode: number;
  @Field(() => CancerArea) @IsEnum(CancerArea) cancerArea: CancerArea;
  @Field(() => PathwayPhase) @IsEnum(PathwayPhase) phase: PathwayPhase;
  @Field(() => Modality) @IsEnum(Modality) modality: Modality;
  @Field(() => LocalDateScalar, { description: 'Day the referral was received' }) @IsLocalDate() clockStart: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() patientAcceptedOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() expectedDate?: string | null;
  @Field(() => Int, { nullable: true, description: 'How far the patient will travel, km (null = not asked)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  maxTravelKm?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Accepts treatment abroad (null = not asked)' })
  @IsOptional()
  @IsBoolean()
  acceptsAbroad?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Accepts a private hospital (null = not asked)' })
  @IsOptional()
  @IsBoolean()
  acceptsPrivate?: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The patient cannot come before this day' })
  @IsOptional()
  @IsLocalDate()
  notBefore?: string | null;
}

@InputType()
export class UpdatePathwayInput {
  @Field(() => ID) @IsUUID() pathwayId: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Set null to clear' })
  @IsOptional()
  @IsLocalDate()
  expectedDate?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() patientAcceptedOn?: string | null;
  @Field(() => PathwayStatus, { nullable: true }) @IsOptional() @IsEnum(PathwayStatus) status?: PathwayStatus;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Required when status becomes TREATED' })
  @IsOptional()
  @IsLocalDate()
  treatedOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'Set null to clear (not asked)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  maxTravelKm?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Set null to clear (not asked)' })
  @IsOptional()
  @IsBoolean()
  acceptsAbroad?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Set null to clear (not asked)' })
  @IsOptional()
  @IsBoolean()
  acceptsPrivate?: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Set null to clear' })
  @IsOptional()
  @IsLocalDate()
  notBefore?: string | null;
}

/** Per-call lifting of the patient's wishes (declines and preferences); every lifted rule is written to the audit log. */
@InputType()
export class WishOverridesInput {
  @Field({
    nullable: true,
    description: 'Foreign providers despite an ABROAD/LANGUAGE decline or acceptsAbroad = false',
  })
  @IsOptional()
  @IsBoolean()
  includeAbroad?: boolean;
  @Field({ nullable: true, description: 'Private hospitals despite acceptsPrivate = false' })
  @IsOptional()
  @IsBoolean()
  includePrivate?: boolean;
  @Field({ nullable: true, description: 'Farther providers despite a DISTANCE decline or maxTravelKm' })
  @IsOptional()
  @IsBoolean()
  includeFarther?: boolean;
  @Field({ nullable: true, description: 'Slots before notBefore' })
  @IsOptional()
  @IsBoolean()
  includeBeforeNotBefore?: boolean;
  @Field({ nullable: true, description: 'Slots on a date the patient declined (TIMING) ranked and allocated normally' })
  @IsOptional()
  @IsBoolean()
  includeDeclinedDates?: boolean;
}

@InputType()
export class RecordPauseInput {
  @Field(() => ID) @IsUUID() pathwayId: string;
  @Field(() => LocalDateScalar, { description: 'First paused day (inclusive)' }) @IsLocalDate() from: string;
  @Field(() => LocalDateScalar, { description: 'First day after the pause (exclusive)' }) @IsLocalDate() to: string;
  @Field(() => PauseReason) @IsEnum(PauseReason) reason: PauseReason;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

@InputType()
export class PathwayFilter {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionCode?: number;
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
  @Field(() => PathwayPhase, { nullable: true }) @IsOptional() @IsEnum(PathwayPhase) phase?: PathwayPhase;
  @Field(() => PathwayStatus, { nullable: true }) @IsOptional() @IsEnum(PathwayStatus) status?: PathwayStatus;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() atRisk?: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Deadline on or before this date' })
  @IsOptional()
  @IsLocalDate()
  deadlineBefore?: string;
  @Field({ nullable: true, description: 'Exact reference (within the visible regions)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reference?: string;
}

export enum WarningOrder {
  DEADLINE_ASC = 'DEADLINE_ASC',
  DEADLINE_DESC = 'DEADLINE_DESC',
  RAISED_DESC = 'RAISED_DESC',
}
registerEnumType(WarningOrder, { name: 'WarningOrder' });

@InputType()
export class WarningFilter {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionCode?: number;
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Raised on or after' })
  @IsOptional()
  @IsLocalDate()
  since?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() pathwayId?: string;
}

@InputType()
export class DeadlinePauseInput {
  @Field(() => LocalDateScalar) @IsLocalDate() from: string;
  @Field(() => LocalDateScalar) @IsLocalDate() to: string;
  @Field(() => PauseReason) @IsEnum(PauseReason) reason: PauseReason;
}

@InputType()
export class DeadlineQueryInput {
  @Field(() => PathwayPhase) @IsEnum(PathwayPhase) phase: PathwayPhase;
  @Field(() => LocalDateScalar) @IsLocalDate() clockStart: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() patientAcceptedOn?: string;
  @Field(() => [DeadlinePauseInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DeadlinePauseInput)
  pauses?: DeadlinePauseInput[];
}
