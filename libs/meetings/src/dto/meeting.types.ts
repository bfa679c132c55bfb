import { CancerArea, IsLocalDate, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { AllocationProposal } from '@app/matching';
import { PathwayPhase } from '@app/pathways';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { DecisionKind } from '../meeting.entities';

@InputType()
export class CreateMeetingInput {
  @Field(() => CancerArea) @IsEnum(CancerArea) cancerArea: CancerArea;
  @Field(() => LocalDateScalar) @IsLocalDate() date: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) title?: string;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  attendeeIds?: string[];
}

@InputType()
export class RecordMeetingDecisionInput {
  @Field(() => ID) @IsUUID() meetingId: string;
  @Field(() => ID, { nullable: true, description: 'The pathway decided on (optional for ESCALATE)' })
  @IsOptional()
  @IsUUID()
  pathwayId?: string;
  @Field(() => DecisionKind) @IsEnum(DecisionKind) kind: DecisionKind;
  @Field(() => ID, { nullable: true, description: 'Required for OFFER_MADE' }) @IsOptional() @IsUUID() offerId?: string;
  @Field({ nullable: true, description: 'Required for NO_ACTION and ESCALATE' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

@InputType()
export class MeetingFilter {
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() from?: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() to?: string;
}

@ObjectType()
export class FreeSlotCount {
  @Field(() => Modality) modality: Modality;
  @Field(() => ProviderKind) providerKind: ProviderKind;
  @Field(() => Int) count: number;
}

@ObjectType()
export class AgendaRegion {
  @Field(() => Int, { description: 'Region valid on the meeting date' }) regionCode: number;
  @Field() regionName: string;
  @Field(() => Int) openPathways: number;
  @Field(() => Int) atRisk: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Median calendar days from the meeting date to the deadline (open pathways)',
  })
  medianDaysToDeadline: number | null;
  @Field(() => [FreeSlotCount], {
    description: "Free slots at the region's providers in the 4 weeks from the meeting date",
  })
  freeSlotsNext4Weeks: FreeSlotCount[];
  @Field(() => Int, {
    description: "Offers made in the 4 weeks before the meeting on this region's slots to other regions' patients",
  })
  slotsOfferedToOthers: number;
}

@ObjectType()
export class MeetingAgenda {
  @Field(() => CancerArea) cancerArea: CancerArea;
  @Field(() => LocalDateScalar) date: string;
  @Field(() => [AgendaRegion]) regions: AgendaRegion[];
  @Field(() => Int, { description: 'Free slots at foreign providers in the 4 weeks (no region)' })
  freeSlotsAbroad: number;
  @Field(() => AllocationProposal) proposal: AllocationProposal;
}

@ObjectType()
export class WaitingOverviewRow {
  @Field(() => Int) regionCode: number;
  @Field() regionName: string;
  @Field(() => CancerArea) cancerArea: CancerArea;
  @Field(() => PathwayPhase) phase: PathwayPhase;
  @Field(() => Int) openPathways: number;
  @Field(() => Int) atRisk: number;
  @Field(() => Float, { nullable: true }) medianDaysLeft: number | null;
  @Field(() => Float, { nullable: true }) p90DaysLeft: number | null;
}
