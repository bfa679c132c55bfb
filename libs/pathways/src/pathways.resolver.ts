import {
  AuditEntryType,
  AuditService,
  Clock,
  ConnectionType,
  CurrentActor,
  groupByKeys,
  LocalDateScalar,
  loader,
  PageAfter,
  PageFirst,
  pageOf,
  Role,
  Roles,
} from '@app/core';
import type { Actor, GqlContext } from '@app/core';
import { Municipality, ReferenceService } from '@app/reference';
import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DeadlineInfo, deadlineInfo } from './deadline-info';
import {
  PathwayFilter,
  RecordPauseInput,
  RegisterPathwayInput,
  UpdatePathwayInput,
  WarningFilter,
  WarningOrder,
} from './dto/pathway.inputs';
import { EarlyWarningService } from './early-warning.service';
import { EarlyWarning, Pathway, PathwayPause } from './pathway.entities';
import { PathwaysService } from './pathways.service';

const PathwayConnection = ConnectionType(Pathway, 'Pathway');
const EarlyWarningConnection = ConnectionType(EarlyWarning, 'EarlyWarning');

@ObjectType()
export class EarlyWarningRun {
  @Field() queued: boolean;
  @Field(() => ID) jobId: string;
}

@Resolver(() => Pathway)
export class PathwaysResolver {
  constructor(
    private readonly service: PathwaysService,
    private readonly earlyWarning: EarlyWarningService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => PathwayConnection, {
    description: 'Pathways visible to you, most urgent first: earliest deadline, then id',
  })
  pathways(
    @CurrentActor() actor: Actor,
    @Args('filter', { nullable: true }) filter?: PathwayFilter,
    @PageFirst() first?: number | null,
    @PageAfter() after?: string | null,
  ) {
    return this.service.list(actor, filter ?? {}, pageOf(first, after));
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => Pathway)
  pathway(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<Pathway> {
    return this.service.get(actor, id);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @Mutation(() => Pathway)
  registerPathway(@CurrentActor() actor: Actor, @Args('input') input: RegisterPathwayInput): Promise<Pathway> {
    return this.service.register(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @Mutation(() => Pathway)
  updatePathway(@CurrentActor() actor: Actor, @Args('input') input: UpdatePathwayInput): Promise<Pathway> {
    return this.service.update(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @Mutation(() => Pathway, { description: 'Record a pause [from, to); the deadline moves as libs/deadline says' })
  recordPause(@CurrentActor() actor: Actor, @Args('input') input: RecordPauseInput): Promise<Pathway> {
    return this.service.recordPause(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION)
  @Query(() => EarlyWarningConnection, {
    description: 'Early warnings visible to you in orderBy order (then id); most urgent deadline first by default',
  })
  warnings(
    @CurrentActor() actor: Actor,
    @Args('filter', { nullable: true }) filter?: WarningFilter,
    @PageFirst() first?: number | null,
    @PageAfter() after?: string | null,
    @Args('orderBy', { type: () => WarningOrder, nullable: true, defaultValue: WarningOrder.DEADLINE_ASC })
    orderBy?: WarningOrder | null,
  ) {
    return this.earlyWarning.page(actor, filter ?? {}, pageOf(first, after), orderBy ?? WarningOrder.DEADLINE_ASC);
  }

  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @Mutation(() => EarlyWarningRun, { description: 'Run the early-warning sweep now (in the worker)' })
  async runEarlyWarning(
    @CurrentActor() actor: Actor,
    @Args('asOf', { type: () => LocalDateScalar, nullable: true }) asOf?: string,
  ): Promise<EarlyWarningRun> {
    return { queued: true, jobId: await this.earlyWarning.requestSweep(actor, asOf) };
  }

  @ResolveField(() => DeadlineInfo, { description: 'Deadline breakdown from libs/deadline' })
  async deadlineInfo(
    @Parent() p: Pathway,
    @Context() ctx: GqlContext,
    @Args('asOf', { type: () => LocalDateScalar, nullable: true }) asOf?: string,
  ): Promise<DeadlineInfo> {
    const pauses = await this.pausesLoader(ctx).load(p.id);
    return deadlineInfo(
      {
        phase: p.phase,
        clockStart: p.clockStart,
        patientAcceptedOn: p.patientAcceptedOn ?? undefined,
        pauses: pauses.map((x) => ({ from: x.fromDate, to: x.toDate, reason: x.reason })),
      },
      asOf ?? this.clock.today(),
    );
  }

  @ResolveField(() => [PathwayPause])
  pauses(@Parent() p: Pathway, @Context() ctx: GqlContext): Promise<PathwayPause[]> {
    return this.pausesLoader(ctx).load(p.id);
  }

  @ResolveField(() => [EarlyWarning])
  warningsRaised(@Parent() p: Pathway, @Context() ctx: GqlContext): Promise<EarlyWarning[]> {
    return loader<string, EarlyWarning[]>(ctx, 'pathway.warnings', async (ids) =>
      groupByKeys(ids, await this.earlyWarning.byPathwayIds(ids), (w) => w.pathwayId),
    ).load(p.id);
  }

  @ResolveField(() => Municipality)
  async homeMunicipality(@Parent() p: Pathway): Promise<Municipality> {
    return this.reference.municipality(p.homeMunicipalityCode);
  }

  @ResolveField(() => [AuditEntryType], { description: 'Audit trail of this pathway, newest first' })
  auditTrail(@Parent() p: Pathway, @Context() ctx: GqlContext): Promise<AuditEntryType[]> {
    return loader<string, AuditEntryType[]>(ctx, 'pathway.auditTrail', async (ids) =>
      groupByKeys(ids, await this.audit.byEntities('pathway', ids), (a) => a.entityId),
    ).load(p.id);
  }

  private pausesLoader(ctx: GqlContext) {
    return loader<string, PathwayPause[]>(ctx, 'pathway.pauses', async (ids) =>
      groupByKeys(ids, await this.service.pausesOf(ids), (x) => x.pathwayId),
    );
  }
}
