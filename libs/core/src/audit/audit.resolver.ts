import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/decorators';
import { Role } from '../domain/enums';
import { AuditService } from './audit.service';
import { AuditEntryType, AuditFilter } from './audit.types';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.SECRETARIAT)
  @Query(() => [AuditEntryType], { description: 'Audit trail, newest first (secretariat only)' })
  auditLog(@Args('filter', { nullable: true }) filter?: AuditFilter): Promise<AuditEntryType[]> {
    return this.audit.find(filter ?? {});
  }
}
