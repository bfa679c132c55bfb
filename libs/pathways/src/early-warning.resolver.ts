import { byKeys, Clock, loader } from '@app/core';
import type { GqlContext } from '@app/core';
import { workingDaysBetween } from '@app/deadline';
import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { EarlyWarning, Pathway, PathwayPhase } from './pathway.entities';
import { PathwaysService } from './pathways.service';

/** What a planner needs to act on a warning without opening the pathway: reference, phase, working days left. */
@Resolver(() => EarlyWarning)
export class EarlyWarningResolver {
  constructor(
    private readonly pathways: PathwaysService,
    private readonly clock: Clock,
  ) {}

  private pathway(w: EarlyWarning, ctx: GqlContext): Promise<Pathway | null> {
    return loader<string, Pathway | null>(ctx, 'warning.pathway', async (ids) =>
      byKeys(ids, await this.pathways.byIds(ids), (p) => p.id),
    ).load(w.pathwayId);
  }

  @ResolveField(() => String, { description: "The pathway's pseudonymous reference" })
  async reference(@Parent() w: EarlyWarning, @Context() ctx: GqlContext): Promise<string> {
    return (await this.pathway(w, ctx))!.reference;
  }

  @ResolveField(() => PathwayPhase)
  async phase(@Parent() w: EarlyWarning, @Context() ctx: GqlContext): Promise<PathwayPhase> {
    return (await this.pathway(w, ctx))!.phase;
  }

  @ResolveField(() => Int, {
    description: 'Working days from today to the deadline of the warning (negative when passed)',
  })
  workingDaysLeft(@Parent() w: EarlyWarning): number {
    return workingDaysBetween(this.clock.today(), w.deadline);
  }
}
