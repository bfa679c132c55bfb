import { CancerArea, ProviderKind } from '@app/core';
import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { WishOverridesInput } from '@app/pathways';
import { DeclineReason, OfferResponse, OfferStatus } from '../offer.entities';

@InputType()
export class CreateOfferInput {
  @Field(() => ID) @IsUUID() pathwayId: string;
  @Field(() => ID) @IsUUID() slotId: string;
  @Field({
    nullable: true,
    description: 'Default: 3 working days from now (deadline module calendar), never after the slot starts',
  })
  @IsOptional()
  @IsDate()
  expiresAt?: Date;
  @Field({ nullable: true, defaultValue: false, description: "Allow a slot in the patient's own region" })
  @IsOptional()
  @IsBoolean()
  allowOwnRegion?: boolean;
  @Field(() => WishOverridesInput, {
    nullable: true,
    description: "Offer despite a rule of the patient's wishes (audited); a declined slot is never offered again",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => WishOverridesInput)
  overrides?: WishOverridesInput;
}

@InputType()
export class RespondToOfferInput {
  @Field(() => ID) @IsUUID() offerId: string;
  @Field(() => OfferResponse) @IsEnum(OfferResponse) response: OfferResponse;
  @Field(() => DeclineReason, { nullable: true, description: 'Required when DECLINED' })
  @IsOptional()
  @IsEnum(DeclineReason)
  declineReason?: DeclineReason;
  @Field({ nullable: true, description: 'Required when the reason is OTHER' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
  @Field(() => Int, {
    nullable: true,
    description: "With DISTANCE: record the patient's travel limit (km) on the pathway in the same call",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  recordMaxTravelKm?: number;
  @Field({ nullable: true, description: 'With ABROAD: record acceptsAbroad = false on the pathway in the same call' })
  @IsOptional()
  @IsBoolean()
  recordNoAbroad?: boolean;
}

@InputType()
export class OfferFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() pathwayId?: string;
  @Field(() => OfferStatus, { nullable: true }) @IsOptional() @IsEnum(OfferStatus) status?: OfferStatus;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionCode?: number;
  @Field(() => ProviderKind, { nullable: true }) @IsOptional() @IsEnum(ProviderKind) providerKind?: ProviderKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() slotId?: string;
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
}

export enum OfferOrder {
  /** Newest offer first (offeredAt, then id, descending). */
  OFFERED_DESC = 'OFFERED_DESC',
  /** Soonest expiry first (expiresAt, then id): the pending offers that need an answer first. */
  EXPIRES_ASC = 'EXPIRES_ASC',
}
registerEnumType(OfferOrder, {
  name: 'OfferOrder',
  valuesMap: {
    OFFERED_DESC: { description: 'Newest offer first (offeredAt, then id, descending)' },
    EXPIRES_ASC: { description: 'Soonest expiry first (expiresAt, then id)' },
  },
});
