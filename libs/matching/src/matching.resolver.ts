import { CurrentActor, Role, Roles } from '@app/core';
import type { Actor } from '@app/core';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { WishOverridesInput } from '@app/pathways';
import { AllocationProposal, CandidateSearch, MatchCandidate, ProposeAllocationInput } from './dto/matching.types';
import { MatchingService } from './matching.service';

@Resolver()
export class MatchingResolver {
  constructor(private readonly matching: MatchingService) {}

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => [MatchCandidate], {
    description:
      'Free slots for one WAITING pathway, ranked and explained (domain.md §6); any other status is INVALID_STATE',
  })
  matchCandidates(
    @CurrentActor() actor: Actor,
    @Args('pathwayId', { type: () => ID }) pathwayId: string,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 10 }) limit = 10,
    @Args('includeOwnRegion', { type: () => Boolean, nullable: true, defaultValue: false }) includeOwnRegion = false,
    @Args('overrides', {
      type: () => WishOverridesInput,
      nullable: true,
      description: "Lift rules of the patient's wishes for this call (audited)",
    })
    overrides?: WishOverridesInput,
  ): Promise<MatchCandidate[]> {
    return this.matching.candidates(
      actor,
      pathwayId,
      Math.min(Math.max(limit, 1), 100),
      includeOwnRegion,
      overrides ?? {},
    );
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => CandidateSearch, {
    description: 'matchCandidates plus the rules applied, suggestions and why nothing meets the deadline',
  })
  candidateSearch(
    @CurrentActor() actor: Actor,
    @Args('pathwayId', { type: () => ID }) pathwayId: string,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 10 }) limit = 10,
    @Args('includeOwnRegion', { type: () => Boolean, nullable: true, defaultValue: false }) includeOwnRegion = false,
    @Args('overrides', { type: () => WishOverridesInput, nullable: true }) overrides?: WishOverridesInput,
  ): Promise<CandidateSearch> {
    return this.matching.search(actor, pathwayId, Math.min(Math.max(limit, 1), 100), includeOwnRegion, overrides ?? {});
  }

  @Roles(Role.SECRETARIAT, Role.COLLABORATION)
  @Query(() => AllocationProposal, {
    description: 'Optimal assignment of at-risk pathways to free slots, for a meeting',
  })
  proposeAllocation(
    @CurrentActor() actor: Actor,
    @Args('input') input: ProposeAllocationInput,
  ): Promise<AllocationProposal> {
    return this.matching.propose(actor, input);
  }
}
