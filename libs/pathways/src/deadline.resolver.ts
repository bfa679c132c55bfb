import { Clock, LocalDateScalar, Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { DeadlineInfo, deadlineInfo } from './deadline-info';
import { DeadlineQueryInput } from './dto/pathway.inputs';

/** What-if deadline calculator for planners: the same shared module every other part uses. */
@Resolver()
export class DeadlineResolver {
  constructor(private readonly clock: Clock) {}

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => DeadlineInfo)
  deadline(
    @Args('input') input: DeadlineQueryInput,
    @Args('asOf', { type: () => LocalDateScalar, nullable: true }) asOf?: string,
  ): DeadlineInfo {
    return deadlineInfo(input, asOf ?? this.clock.today());
  }
}
