import { CancerArea, IsLocalDate, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { WishOverridesInput } from '@app/pathways';
import { Provider } from '@app/reference';
import { Type } from 'class-transformer';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, ValidateNested } from 'class-validator';

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
  @Field(() => Float, { description: 'Great-circle distance from the home municipality centroid, 0.1 km' })
  distanceKm: number;
  @Field(() => LocalDateScalar, { nullable: true }) agreementValidTo: string | null;
  @Field(() => [String], {
    description: "Short sentences a planner can read aloud, incl. what the patient's wishes excluded or flagged",
  })
  reasons: string[];
  @Field({ description: 'Distance band of the acceptance rate: 0-25, 25-50, 50-100, 100-200, 200+ or ABROAD' })
  distanceBand: string;
  @Field(() => Float, {
    nullable: true,
    description:
      'Accepted share of answered offers of the last 12 months in this band and provider kind; null below 20 answers',
  })
  acceptanceRate: number | null;
  @Field(() => Int, { description: 'Answered offers behind acceptanceRate' }) acceptanceAnswers: number;
  @Field({ description: 'The patient prefers the own hospital and this slot is in another region' }) flagged: boolean;
  @Field({ description: 'On a date the patient declined (TIMING): ranked last' }) rankedLast: boolean;
}

@ObjectType({ description: "A free slot in time that the patient's wishes excluded, and why" })
export class ExcludedCandidate {
  @Field(() => ID) slotId: string;
  @Field(() => LocalDateScalar) date: string;
  @Field(() => Provider) provider: Provider;
  @Field(() => Float) distanceKm: number;
  @Field({ description: 'Danish: the rule that excluded it' }) reason: string;
}

@ObjectType({
  description: "matchCandidates with the search's explanation: the handlepligt evidence of what was searched and why",
})
export class CandidateSearch {
  @Field(() => [MatchCandidate]) candidates: MatchCandidate[];
  @Field(() => [String], {
    description: "Danish: the patient's wishes applied (and lifted by overrides) in this search",
  })
  rules: string[];
  @Field(() => [String], { description: 'Danish: suggested next steps, e.g. recordPause after a HEALTH decline' })
  suggestions: string[];
  @Field({ description: 'A HEALTH decline suggests recording a pause (recordPause)' }) suggestRecordPause: boolean;
  @Field({
    description:
      "No candidate meets the deadline because of the patient's wishes (there are free slots in time without them)",
  })
  noneInTimeBecauseOfWishes: boolean;
  @Field(() => String, { nullable: true, description: 'Danish explanation when no candidate meets the deadline' })
  explanation: string | null;
  @Field(() => [ExcludedCandidate], { description: 'Slots in time excluded by the wishes (up to 50)' })
  excludedInTime: ExcludedCandidate[];
}

@InputType()
export class ProposeAllocationInput {
  @Field(() => CancerArea) @IsEnum(CancerArea) cancerArea: CancerArea;
  @Field(() => Modality, { nullable: true }) @IsOptional() @IsEnum(Modality) modality?: Modality;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Slots on or after this date (default today)' })
  @IsOptional()
  @IsLocalDate()
  from?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Slots on or before this date' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
  @Field(() => [Int], { nullable: true, description: 'Home regions of the pathways to place (default all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  regions?: number[];
  @Field(() => WishOverridesInput, {
    nullable: true,
    description: "Lift rules of the patients' wishes for this proposal (audited per pathway)",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => WishOverridesInput)
  overrides?: WishOverridesInput;
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
  @Field({
    description:
      'NO_SLOT: no suitable slot at all; NONE_IN_TIME: none in time and no late one left; CAPACITY_TAKEN: suitable slots went to others',
  })
  reason: string;
  @Field(() => String, { nullable: true, description: "Danish: the patient's wishes that left no (timely) slot" })
  explanation: string | null;
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
