import {
  ConnectionType,
  CurrentActor,
  groupByKeys,
  loader,
  PageAfter,
  PageFirst,
  pageOf,
  Role,
  Roles,
} from '@app/core';
import type { Connection } from '@app/core';
import type { Actor, GqlContext } from '@app/core';
import { Pathway, PathwaysService } from '@app/pathways';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CloseSampleAuditInput,
  RecordAuditFindingInput,
  SampleAuditFilter,
  StartSampleAuditInput,
} from './dto/sample-audit.inputs';
import { AuditFindingCounts, SampleAudit, SampledPathway } from './sample-audit.entities';
import { SampleAuditsService } from './sample-audits.service';

const SampleAuditConnection = ConnectionType(SampleAudit, 'SampleAudit');

/** Sample audits are the secretariat's: pathway-level evidence, so no observer, planner or collaboration access. */
@Resolver(() => SampleAudit)
export class SampleAuditsResolver {
  constructor(private readonly service: SampleAuditsService) {}

  @Roles(Role.SECRETARIAT)
  @Query(() => SampleAuditConnection, { description: 'Sample audits, newest first (then id)' })
  sampleAudits(
    @Args('filter', { nullable: true }) filter?: SampleAuditFilter,
    @PageFirst() first?: number | null,
    @PageAfter() after?: string | null,
  ): Promise<Connection<SampleAudit>> {
    return this.service.list(filter ?? {}, pageOf(first, after));
  }

  @Roles(Role.SECRETARIAT)
  @Query(() => SampleAudit)
  sampleAudit(@Args('id', { type: () => ID }) id: string): Promise<SampleAudit> {
    return this.service.get(id);
  }

  @Roles(Role.SECRETARIAT)
  @Mutation(() => SampleAudit, {
    description: 'Start a sample audit: draws a reproducible random sample of pathways, stratified by region',
  })
  startSampleAudit(@CurrentActor() actor: Actor, @Args('input') input: StartSampleAuditInput): Promise<SampleAudit> {
    return this.service.start(actor, input);
  }

  @Roles(Role.SECRETARIAT)
  @Mutation(() => SampledPathway, {
    description: 'Record (or change, while the audit is open) the handlepligt finding for a sampled pathway',
  })
  recordAuditFinding(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordAuditFindingInput,
  ): Promise<SampledPathway> {
    return this.service.recordFinding(actor, input);
  }

  @Roles(Role.SECRETARIAT)
  @Mutation(() => SampleAudit, { description: 'Close the audit; every sampled pathway must have a finding' })
  closeSampleAudit(@CurrentActor() actor: Actor, @Args('input') input: CloseSampleAuditInput): Promise<SampleAudit> {
    return this.service.close(actor, input);
  }

  @ResolveField(() => [SampledPathway], { description: 'The sampled pathways in draw order' })
  sample(@Parent() a: SampleAudit, @Context() ctx: GqlContext): Promise<SampledPathway[]> {
    return this.sampleLoader(ctx).load(a.id);
  }

  @ResolveField(() => AuditFindingCounts)
  async findings(@Parent() a: SampleAudit, @Context() ctx: GqlContext): Promise<AuditFindingCounts> {
    return SampleAuditsService.countFindings(await this.sampleLoader(ctx).load(a.id));
  }

  private sampleLoader(ctx: GqlContext) {
    return loader<string, SampledPathway[]>(ctx, 'sampleAudit.sample', async (ids) =>
      groupByKeys(ids, await this.service.sampleOf(ids), (s) => s.auditId),
    );
  }
}

@Resolver(() => SampledPathway)
export class SampledPathwayResolver {
  constructor(private readonly pathways: PathwaysService) {}

  @ResolveField(() => Pathway, {
    description: 'The pathway with its evidence trail: offers and answers, pauses, warnings and audit trail',
  })
  pathway(@Parent() s: SampledPathway, @Context() ctx: GqlContext): Promise<Pathway> {
    return loader<string, Pathway>(ctx, 'sampledPathway.pathway', async (ids) => {
      const byId = new Map((await this.pathways.byIds(ids)).map((p) => [p.id, p]));
      return ids.map((id) => byId.get(id)!);
    }).load(s.pathwayId);
  }
}
