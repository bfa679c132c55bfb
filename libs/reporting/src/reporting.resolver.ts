import { Connection, ConnectionType, CurrentActor, PageAfter, PageFirst, pageOf, Role, Roles } from '@app/core';
import type { Actor } from '@app/core';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CompileCapacityReportInput } from './dto/report.inputs';
import { Report } from './report.entities';
import { ReportingService } from './reporting.service';

const ReportConnection = ConnectionType(Report, 'ReportJob');

@Resolver(() => Report)
export class ReportingResolver {
  constructor(private readonly service: ReportingService) {}

  @Roles(Role.SECRETARIAT)
  @Mutation(() => Report, {
    description: 'Queue the annual capacity status report for a year (or one quarter); the worker compiles it',
  })
  compileCapacityReport(
    @CurrentActor() actor: Actor,
    @Args('input') input: CompileCapacityReportInput,
  ): Promise<Report> {
    return this.service.request(actor, input);
  }

  @Roles(Role.SECRETARIAT, Role.OBSERVER)
  @Query(() => Report, { description: 'A report job: status and progress while compiling, sha256 when done' })
  reportJob(@Args('id', { type: () => ID }) id: string): Promise<Report> {
    return this.service.get(id);
  }

  @Roles(Role.SECRETARIAT, Role.OBSERVER)
  @Query(() => ReportConnection, {
    description:
      'Finished reports (download at /reports/:id.html|.csv|.json), newest period first (a year before its 4th quarter), then newest compile',
  })
  reports(
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @PageFirst() first?: number | null,
    @PageAfter() after?: string | null,
  ): Promise<Connection<Report>> {
    return this.service.list(year ?? undefined, pageOf(first, after));
  }
}
