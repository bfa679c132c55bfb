import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/decorators';
import { Role } from '../domain/enums';
import { AuditService } from './audit.service';
import { AuditEntryType, AuditFilter } from './audit.types';
import { Connection, ConnectionType, PageAfter, PageFirst, pageOf } from '../graphql/pagination';
import { AuditEntry } from './audit.entity';

const AuditEntryConnection = ConnectionType(AuditEntryType, 'AuditEntry');

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.SECRETARIAT)
  @Query(() => AuditEntryConnection, {
    description:
      'Audit trail, newest entry first: by the time of the change (at), then by id for entries of the same instant; secretariat only',
  })
  auditLog(
    @Args('filter', { nullable: true }) filter?: AuditFilter,
    @PageFirst() first?: number | null,
    @PageAfter() after?: string | null,
  ): Promise<Connection<AuditEntry>> {
    return this.audit.find(filter ?? {}, pageOf(first, after));
  }
}
