import {
  AuditService,
  byKeys,
  CancerArea,
  Connection,
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
  UserRef,
} from '@app/core';
import type { Actor, GqlContext } from '@app/core';
import { WishOverridesInput } from '@app/pathways';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CreateMeetingInput,
  MeetingAgenda,
  MeetingFilter,
  RecordMeetingDecisionInput,
  WaitingOverviewRow,
} from './dto/meeting.types';
import { Meeting, MeetingDecision } from './meeting.entities';
import { MeetingsService } from './meetings.service';

const MeetingConnection = ConnectionType(Meeting, 'Meeting');

@Resolver(() => Meeting)
export class MeetingsResolver {
  constructor(private readonly service: MeetingsService) {}

  @Roles(Role.SECRETARIAT, Role.COLLABORATION)
  @Mutation(() => Meeting)
  createMeeting(@CurrentActor() actor: Actor, @Args('input') input: CreateMeetingInput): Promise<Meeting> {
    return this.service.create(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.COLLABORATION)
  @Query(() => MeetingConnection, { description: 'Meetings, latest date first (then id)' })
  meetings(
    @CurrentActor() actor: Actor,
    @Args('filter', { nullable: true }) filter?: MeetingFilter,
    @PageFirst() first?: number | null,
    @PageAfter() after?: string | null,
  ): Promise<Connection<Meeting>> {
    return this.service.list(actor, filter ?? {}, pageOf(first, after));
  }

  @Roles(Role.SECRETARIAT, Role.COLLABORATION)
  @Mutation(() => MeetingDecision, {
    description: 'Record who decided what: an offer made, no action (with reason) or escalation',
  })
  recordMeetingDecision(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordMeetingDecisionInput,
  ): Promise<MeetingDecision> {
    return this.service.recordDecision(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.COLLABORATION)
  @Query(() => MeetingAgenda)
  meetingAgenda(
    @CurrentActor() actor: Actor,
    @Args('cancerArea', { type: () => CancerArea }) cancerArea: CancerArea,
    @Args('date', { type: () => LocalDateScalar }) date: string,
    @Args('overrides', {
      type: () => WishOverridesInput,
      nullable: true,
      description: "Lift rules of the patients' wishes in the proposal (audited)",
    })
    overrides?: WishOverridesInput,
  ): Promise<MeetingAgenda> {
    return this.service.agenda(actor, cancerArea, date, overrides);
  }

  @Roles(Role.SECRETARIAT, Role.COLLABORATION, Role.PLANNER, Role.OBSERVER)
  @Query(() => [WaitingOverviewRow], { description: 'Open pathways, at risk and days left per region × area × phase' })
  waitingOverview(
    @CurrentActor() actor: Actor,
    @Args('cancerArea', { type: () => CancerArea, nullable: true }) cancerArea?: CancerArea,
    @Args('asOf', { type: () => LocalDateScalar, nullable: true }) asOf?: string,
  ): Promise<WaitingOverviewRow[]> {
    return this.service.waitingOverview(actor, cancerArea, asOf);
  }

  @ResolveField(() => [MeetingDecision])
  decisions(@Parent() m: Meeting, @Context() ctx: GqlContext): Promise<MeetingDecision[]> {
    return loader<string, MeetingDecision[]>(ctx, 'meeting.decisions', async (ids) =>
      groupByKeys(ids, await this.service.decisionsOf(ids), (d) => d.meetingId),
    ).load(m.id);
  }
}

/** Who decided, for those who may read the meeting. */
@Resolver(() => MeetingDecision)
export class MeetingDecisionResolver {
  constructor(private readonly audit: AuditService) {}

  @ResolveField(() => UserRef, { nullable: true, description: 'Who recorded the decision (name and e-mail)' })
  async decidedByUser(@Parent() d: MeetingDecision, @Context() ctx: GqlContext): Promise<UserRef | null> {
    if (!d.decidedBy) return null;
    return loader<string, UserRef | null>(ctx, 'user.ref', async (ids) =>
      byKeys(ids, await this.audit.userRefs(ids), (u) => u.id),
    ).load(d.decidedBy);
  }
}
