import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { CancerArea, Role } from '../domain/enums';

@InputType()
export class LoginInput {
  @Field()
  @IsEmail()
  @MaxLength(200)
  email: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

@ObjectType('Me')
export class Me {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => Role)
  role: Role;

  @Field(() => Int, { nullable: true, description: 'Region code (1081–1086) for planners' })
  regionCode: number | null;

  @Field(() => [CancerArea])
  cancerAreas: CancerArea[];
}

@ObjectType({ description: 'Who did something: shown to those allowed to read the record it is on' })
export class UserRef {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() email: string;
}

@ObjectType()
export class LoginPayload {
  @Field()
  accessToken: string;

  @Field(() => Me)
  user: Me;
}
