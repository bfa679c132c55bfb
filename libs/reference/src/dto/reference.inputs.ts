import { CancerArea, IsLocalDate, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { applyDecorators } from '@nestjs/common';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/**
 * A non-empty list of distinct values of `kind` (cancer areas, modalities) as a GraphQL field; `optional`: may be
 * omitted (an update that leaves it as it is).
 */
function EnumListField(kind: object, optional = false): PropertyDecorator {
  return applyDecorators(
    Field(() => [kind], { nullable: optional }),
    ...(optional ? [IsOptional()] : []),
    ArrayMinSize(1),
    ArrayUnique(),
    IsEnum(kind, { each: true }),
  );
}

@InputType()
export class CreateProviderInput {
  @Field() @IsString() @Length(2, 200) name: string;
  @Field(() => ProviderKind) @IsEnum(ProviderKind) kind: ProviderKind;
  @Field(() => Int, { nullable: true, description: 'Required for PUBLIC and PRIVATE, empty for FOREIGN' })
  @IsOptional()
  @IsInt()
  regionCode?: number | null;
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. DK, DE, SE' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as DK' })
  country: string;
  @Field(() => Float) @IsLatitude() lat: number;
  @Field(() => Float) @IsLongitude() lon: number;
  @EnumListField(CancerArea) cancerAreas: CancerArea[];
  @EnumListField(Modality) modalities: Modality[];
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[a-z0-9-]{2,80}$/) key?: string | null;
}

@InputType()
export class CreateAgreementInput {
  @Field(() => ID) @IsUUID() providerId: string;
  @Field(() => LocalDateScalar) @IsLocalDate() validFrom: string;
  @Field(() => LocalDateScalar) @IsLocalDate() validTo: string;
  @EnumListField(CancerArea) cancerAreas: CancerArea[];
  @EnumListField(Modality) modalities: Modality[];
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100_000_000) pricePerCourseDkk?:
    number | null;
  @Field({ nullable: true, defaultValue: '' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

@InputType()
export class ProviderFilter {
  @Field(() => ProviderKind, { nullable: true }) @IsOptional() @IsEnum(ProviderKind) kind?: ProviderKind;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionCode?: number;
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
  @Field(() => Modality, { nullable: true }) @IsOptional() @IsEnum(Modality) modality?: Modality;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2) country?: string;
}

@InputType()
export class AgreementFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() providerId?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Only agreements valid on this date' })
  @IsOptional()
  @IsLocalDate()
  validOn?: string;
  @Field(() => CancerArea, { nullable: true }) @IsOptional() @IsEnum(CancerArea) cancerArea?: CancerArea;
  @Field(() => Modality, { nullable: true }) @IsOptional() @IsEnum(Modality) modality?: Modality;
}

/** Changes to a provider; kind, region and country are its identity and stay as created. Omitted fields stay. */
@InputType()
export class UpdateProviderInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(2, 200) name?: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLatitude() lat?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLongitude() lon?: number;
  @EnumListField(CancerArea, true) cancerAreas?: CancerArea[];
  @EnumListField(Modality, true) modalities?: Modality[];
}

/** Changes to an agreement (extend, narrow, reprice); the provider stays. Omitted fields stay; pricePerCourseDkk null clears. */
@InputType()
export class UpdateAgreementInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() validFrom?: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsLocalDate() validTo?: string;
  @EnumListField(CancerArea, true) cancerAreas?: CancerArea[];
  @EnumListField(Modality, true) modalities?: Modality[];
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100_000_000) pricePerCourseDkk?:
    number | null;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}
