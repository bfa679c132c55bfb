import { byKeys, CurrentActor, groupByKeys, LocalDateScalar, loader, Role, Roles } from '@app/core';
import type { Actor, GqlContext } from '@app/core';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AgreementFilter,
  CreateAgreementInput,
  CreateProviderInput,
  ProviderFilter,
  UpdateAgreementInput,
  UpdateProviderInput,
} from './dto/reference.inputs';
import { Agreement, Municipality, Provider, Region } from './reference.entities';
import { ReferenceService } from './reference.service';

@Resolver(() => Region)
export class RegionResolver {
  constructor(private readonly ref: ReferenceService) {}

  @Query(() => [Region], {
    description: 'All regions (a complete reference list, not paged); with `on`, only those in force on that date',
  })
  regions(@Args('on', { type: () => LocalDateScalar, nullable: true }) on?: string): Promise<Region[]> {
    return this.ref.regions(on);
  }
}

@Resolver(() => Municipality)
export class MunicipalityResolver {
  constructor(private readonly ref: ReferenceService) {}

  @Query(() => [Municipality], {
    description: 'All municipalities, or those of a region (a complete reference list, not paged)',
  })
  municipalities(
    @Args('regionCode', { type: () => Int, nullable: true }) regionCode?: number,
  ): Promise<Municipality[]> {
    return this.ref.municipalities(regionCode);
  }

  @ResolveField(() => Int, { description: 'The region the municipality belongs to on `on` (default today)' })
  effectiveRegionCode(
    @Parent() m: Municipality,
    @Args('on', { type: () => LocalDateScalar, nullable: true }) on?: string,
  ): Promise<number> {
    return this.ref.effectiveRegion(m.regionCode, on);
  }
}

@Resolver(() => Provider)
export class ProviderResolver {
  constructor(private readonly ref: ReferenceService) {}

  @Query(() => [Provider], {
    description: 'All providers matching the filter (a complete reference list, not paged), by kind, region and name',
  })
  providers(@Args('filter', { nullable: true }) filter?: ProviderFilter): Promise<Provider[]> {
    return this.ref.providers(filter);
  }

  @Roles(Role.SECRETARIAT)
  @Mutation(() => Provider)
  createProvider(@CurrentActor() actor: Actor, @Args('input') input: CreateProviderInput): Promise<Provider> {
    return this.ref.createProvider(actor, input);
  }

  @Roles(Role.SECRETARIAT)
  @Mutation(() => Provider, { description: 'Edit a provider (secretariat); kind, region and country stay as created' })
  updateProvider(@CurrentActor() actor: Actor, @Args('input') input: UpdateProviderInput): Promise<Provider> {
    return this.ref.updateProvider(actor, input);
  }

  @ResolveField(() => Region, { nullable: true })
  async region(@Parent() p: Provider): Promise<Region | null> {
    return p.regionCode ? ((await this.ref.regionMap()).get(p.regionCode) ?? null) : null;
  }

  @ResolveField(() => [Agreement])
  agreements(@Parent() p: Provider, @Context() ctx: GqlContext): Promise<Agreement[]> {
    return loader<string, Agreement[]>(ctx, 'provider.agreements', async (ids) =>
      groupByKeys(ids, await this.ref.agreementsByProviderIds(ids), (a) => a.providerId),
    ).load(p.id);
  }
}

@Resolver(() => Agreement)
export class AgreementResolver {
  constructor(private readonly ref: ReferenceService) {}

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => [Agreement], {
    description: 'All agreements matching the filter (a complete reference list, not paged), by provider and start',
  })
  agreements(@Args('filter', { nullable: true }) filter?: AgreementFilter): Promise<Agreement[]> {
    return this.ref.agreements(filter);
  }

  @Roles(Role.SECRETARIAT)
  @Mutation(() => Agreement)
  createAgreement(@CurrentActor() actor: Actor, @Args('input') input: CreateAgreementInput): Promise<Agreement> {
    return this.ref.createAgreement(actor, input);
  }

  @Roles(Role.SECRETARIAT)
  @Mutation(() => Agreement, {
    description: 'Edit an agreement (secretariat): validity, areas, modalities, price, notes',
  })
  updateAgreement(@CurrentActor() actor: Actor, @Args('input') input: UpdateAgreementInput): Promise<Agreement> {
    return this.ref.updateAgreement(actor, input);
  }

  @ResolveField(() => Provider)
  async provider(@Parent() a: Agreement, @Context() ctx: GqlContext): Promise<Provider> {
    const p = await loader<string, Provider | null>(ctx, 'agreement.provider', async (ids) =>
      byKeys(ids, await this.ref.providersByIds(ids), (x) => x.id),
    ).load(a.providerId);
    return p!;
  }
}
