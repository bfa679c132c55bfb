import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from '../graphql/json.scalar';

@InputType()
export class AuditFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) entityType?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) actorId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) action?: string;
  @Field({ nullable: true }) @IsOptional() @IsDate() since?: Date;
}

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field(() => String, { nullable: true }) actorId: string | null;
  @Field() actorLabel: string;
  @Field() action: string;
  @Field() entityType: string;
  @Field() entityId: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) after: Record<string, unknown> | null;
}
