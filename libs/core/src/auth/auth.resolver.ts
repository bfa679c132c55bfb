import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { LoginInput, LoginPayload, Me } from './auth.types';
import { CurrentActor, Public } from './decorators';
import { GqlThrottlerGuard } from './login-throttle.guard';

const toMe = (a: Actor): Me => ({
  id: a.userId,
  email: a.email,
  role: a.role,
  regionCode: a.regionCode,
  cancerAreas: a.cancerAreas,
});

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => LoginPayload, { description: 'Exchange e-mail and password for a bearer token' })
  async login(@Args('input') input: LoginInput): Promise<LoginPayload> {
    const { accessToken, actor } = await this.auth.login(input.email, input.password);
    return { accessToken, user: toMe(actor) };
  }

  @Query(() => Me)
  me(@CurrentActor() actor: Actor): Me {
    return toMe(actor);
  }
}
