import {
  AuditService,
  byKeys,
  Connection,
  ConnectionType,
  CurrentActor,
  groupByKeys,
  loader,
  PageAfter,
  PageFirst,
  pageOf,
  Role,
  Roles,
  UserRef,
} from '@app/core';
import type { Actor, GqlContext } from '@app/core';
import { Pathway, PathwaysService } from '@app/pathways';
import { Provider, ReferenceService } from '@app/reference';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CreateOfferInput, OfferFilter, OfferOrder, RespondToOfferInput } from './dto/offer.inputs';
import { Offer } from './offer.entities';
import { OffersService } from './offers.service';

const OfferConnection = ConnectionType(Offer, 'Offer');

@Resolver(() => Offer)
export class OffersResolver {
  constructor(
    private readonly service: OffersService,
    private readonly pathways: PathwaysService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
  ) {}

  @ResolveField(() => UserRef, {
    nullable: true,
    description: 'Who made the offer (name and e-mail); null for the system',
  })
  async madeByUser(@Parent() o: Offer, @Context() ctx: GqlContext): Promise<UserRef | null> {
    if (!o.madeBy) return null;
    return loader<string, UserRef | null>(ctx, 'user.ref', async (ids) =>
      byKeys(ids, await this.audit.userRefs(ids), (u) => u.id),
    ).load(o.madeBy);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @Mutation(() => Offer, { description: 'Hold a free slot for a pathway (FREE → HELD) and record a PENDING offer' })
  createOffer(@CurrentActor() actor: Actor, @Args('input') input: CreateOfferInput): Promise<Offer> {
    return this.service.create(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @Mutation(() => Offer, { description: "Record the patient's answer" })
  respondToOffer(@CurrentActor() actor: Actor, @Args('input') input: RespondToOfferInput): Promise<Offer> {
    return this.service.respond(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @Mutation(() => Offer)
  withdrawOffer(@CurrentActor() actor: Actor, @Args('offerId', { type: () => ID }) offerId: string): Promise<Offer> {
    return this.service.withdraw(actor, offerId);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => OfferConnection, {
    description: 'Offers visible to you in orderBy order (then id); newest offer first by default',
  })
  offers(
    @CurrentActor() actor: Actor,
    @Args('filter', { nullable: true }) filter?: OfferFilter,
    @PageFirst() first?: number | null,
    @PageAfter() after?: string | null,
    @Args('orderBy', { type: () => OfferOrder, nullable: true, defaultValue: OfferOrder.OFFERED_DESC })
    orderBy?: OfferOrder | null,
  ): Promise<Connection<Offer>> {
    return this.service.list(actor, filter ?? {}, pageOf(first, after), orderBy ?? OfferOrder.OFFERED_DESC);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => Offer)
  offer(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<Offer> {
    return this.service.get(actor, id);
  }

  @ResolveField(() => Provider)
  async provider(@Parent() o: Offer, @Context() ctx: GqlContext): Promise<Provider> {
    const p = await loader<string, Provider | null>(ctx, 'offer.provider', async (ids) =>
      byKeys(ids, await this.reference.providersByIds(ids), (x) => x.id),
    ).load(o.providerId);
    return p!;
  }

  @ResolveField(() => Pathway)
  async pathway(@Parent() o: Offer, @Context() ctx: GqlContext): Promise<Pathway> {
    const p = await loader<string, Pathway | null>(ctx, 'offer.pathway', async (ids) =>
      byKeys(ids, await this.pathways.byIds(ids), (x) => x.id),
    ).load(o.pathwayId);
    return p!;
  }
}

/** Adds `offers` to Pathway: every offer ever made — the region's handlepligt evidence. */
@Resolver(() => Pathway)
export class PathwayOffersResolver {
  constructor(private readonly service: OffersService) {}

  @ResolveField(() => [Offer], { description: 'Every offer ever made for this pathway, oldest first' })
  offers(@Parent() p: Pathway, @Context() ctx: GqlContext): Promise<Offer[]> {
    return loader<string, Offer[]>(ctx, 'pathway.offers', async (ids) =>
      groupByKeys(ids, await this.service.byPathwayIds(ids), (o) => o.pathwayId),
    ).load(p.id);
  }
}
