import { CancerArea, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { TIME_OF_DAY } from '../copenhagen-time';
import { SlotStatus } from '../slot.entities';

export const MAX_SLOTS_PER_PUBLISH = 500;
// Class-validator's `each` messages start with "each value in", which would hide the field name.
const WEEKDAYS = 'weekdays must be ISO weekdays from 1 (Monday) to 7 (Sunday)';

@InputType()
export class PublishSlotsInput {
  @Field(() => ID) @IsUUID() providerId: string;
  @Field(() => CancerArea) @IsEnum(CancerArea) cancerArea: CancerArea;
  @Field(() => Modality) @IsEnum(Modality) modality: Modality;
  @Field(() => [Date], { description: `Start instants, 1–${MAX_SLOTS_PER_PUBLISH}, all in the future` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SLOTS_PER_PUBLISH)
  @IsDate({ each: true, message: 'starts must be a list of instants' })
  @Type(() => Date)
  starts: Date[];
  @Field(() => Int, { description: '5–1440' }) @IsInt() @Min(5) @Max(1440) durationMinutes: number;
}

@InputType()
export class PublishSlotSeriesInput {
  @Field(() => ID) @IsUUID() providerId: string;
  @Field(() => CancerArea) @IsEnum(CancerArea) cancerArea: CancerArea;
  @Field(() => Modality) @IsEnum(Modality) modality: Modality;
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday … 7 = Sunday' })
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true, message: WEEKDAYS })
  @Min(1, { each: true, message: WEEKDAYS })
  @Max(7, { each: true, message: WEEKDAYS })
  weekdays: number[];
  @Field({ description: "Start time 'HH:MM', Europe/Copenhagen local time (DST handled per date)" })
  @Matches(TIME_OF_DAY, { message: "startTime must be a local time 'HH:MM' from 00:00 to 23:59" })
  startTime: string;
  @Field(() => Int, { description: '5–1440' }) @IsInt() @Min(5) @Max(1440) durationMinutes: number;
  @Field(() => LocalDateScalar, { description: 'First date (inclusive)' }) @IsString() fromDate: string;
  @Field(() => LocalDateScalar, { description: 'Last date (inclusive), at most one year after fromDate' })
  @IsString()
  toDate: string;
  @Field(() => Int, { defaultValue: 1, description: 'Parallel slots per occurrence, 1–20' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  countPerOccurrence?: number;
}

@InputType()
export class SlotFilter {
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
  @Field(() => Modality, { nullable: true }) @IsOptional() @IsEnum(Modality) modality?: Modality;
  @Field(() => Int, {
    nullable: true,
    description: 'Slots attributed to this region on their date (1086 covers 1084/1085 from 2027)',
  })
  @IsOptional()
  @IsInt()
  regionCode?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Slots outside this region on their date, including foreign providers',
  })
  @IsOptional()
  @IsInt()
  outsideRegionCode?: number;
  @Field(() => ProviderKind, { nullable: true }) @IsOptional() @IsEnum(ProviderKind) providerKind?: ProviderKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() providerId?: string;
  @Field(() => SlotStatus, { nullable: true, defaultValue: SlotStatus.FREE })
  @IsOptional()
  @IsEnum(SlotStatus)
  status?: SlotStatus;
  @Field({ nullable: true, description: 'Only slots starting at or after this instant' })
  @IsOptional()
  @IsDate()
  from?: Date;
  @Field({ nullable: true, description: 'Only slots starting before this instant' }) @IsOptional() @IsDate() to?: Date;
}
