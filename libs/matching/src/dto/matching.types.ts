import { CancerArea, IsLocalDate, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { Provider } from '@app/reference';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional } from 'class-validator';

@ObjectType()
export class MatchCandidate {
  @Field(() => Int) rank: number;
  @Field(() => ID) slotId: string;
  @Field() starts: Date;
  @Field(() => LocalDateScalar) date: string;
  @Field(() => Int) durationMinutes: number;
  @Field(() => Provider) provider: Provider;
  @Field(() => ProviderKind) providerKind: ProviderKind;
  @Field() meetsDeadline: boolean;
  @Field(() => Int, { description: 'Deadline minus slot date in days; negative when late' }) daysBeforeDeadline: number;
  @Field(() => Float, { description: 'Great-circle distance from the home municipality centroid, 0.1 km' }) distanceKm: number;
  @Field(() => LocalDateScalar, { nullable: true }) agreementValidTo: string | null;
  @Field(() => [String], { description: 'Short sentences a planner can read aloud' }) reasons: string[];
}

@InputType()
export class ProposeAllocationInput {
  @Field(() => CancerArea) @IsEnum(CancerArea) cancerArea: CancerArea;
  @Field(() => Modality, { nullable: true }) @IsOptional() @IsEnum(Modality) modality?: Modality;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Slots on or after this date (default today)' }) @IsOptional() @IsLocalDate() from?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Slots on or before this date' }) @IsOptional() @IsLocalDate() to?: string;
  @Field(() => [Int], { nullable: true, description: 'Home regions of the pathways to place (default all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  regions?: number[];
}

@ObjectType()
export class AllocationProposalAssignment {
  @Field(() => ID) pathwayId: string;
  @Field() pathwayReference: string;
  @Field(() => Int) pathwayRegionCode: number;
  @Field(() => LocalDateScalar) deadline: string;
  @Field(() => ID) slotId: string;
  @Field() starts: Date;
  @Field(() => LocalDateScalar) date: string;
  @Field(() => Provider) provider: Provider;
  @Field() meetsDeadline: boolean;
  @Field(() => Int) daysBeforeDeadline: number;
  @Field(() => Float) distanceKm: number;
  @Field(() => [String]) reasons: string[];
}

@ObjectType()
export class AllocationProposalUnassigned {
  @Field(() => ID) pathwayId: string;
  @Field() pathwayReference: string;
  @Field({ description: 'NO_SLOT: no suitable slot at all; NONE_IN_TIME: none in time and no late one left; CAPACITY_TAKEN: suitable slots went to others' })
  reason: string;
}

@ObjectType()
export class AllocationTotalsType {
  @Field(() => Int) pathways: number;
  @Field(() => Int) slots: number;
  @Field(() => Int) placed: number;
  @Field(() => Int) placedInTime: number;
  @Field(() => Int) placedLate: number;
  @Field(() => Int) totalDaysLate: number;
  @Field(() => Float) totalDistanceKm: number;
}

@ObjectType({ description: 'Advice for a collaboration meeting: nothing is held until offers are made' })
export class AllocationProposal {
  @Field(() => CancerArea) cancerArea: CancerArea;
  @Field(() => [AllocationProposalAssignment]) assignments: AllocationProposalAssignment[];
  @Field(() => [AllocationProposalUnassigned]) unassigned: AllocationProposalUnassigned[];
  @Field(() => AllocationTotalsType) totals: AllocationTotalsType;
}
