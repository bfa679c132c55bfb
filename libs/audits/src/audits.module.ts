import { PathwaysModule } from '@app/pathways';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SampleAudit, SampledPathway } from './sample-audit.entities';
import { SampleAuditsResolver, SampledPathwayResolver } from './sample-audits.resolver';
import { SampleAuditsService } from './sample-audits.service';

/** Sample audits of handlepligt (issue #19): owns sample_audit and sample_audit_pathway. */
@Module({
  imports: [TypeOrmModule.forFeature([SampleAudit, SampledPathway]), PathwaysModule],
  providers: [SampleAuditsService, SampleAuditsResolver, SampledPathwayResolver],
  exports: [SampleAuditsService],
})
export class AuditsModule {}
