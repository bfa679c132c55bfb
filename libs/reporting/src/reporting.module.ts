import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Report, ReportOutput } from './report.entities';
import { ReportCompiler } from './report-compiler.service';
import { ReportingResolver } from './reporting.resolver';
import { ReportingService } from './reporting.service';
import { ReportsController } from './reports.controller';

/** The annual capacity status report: GraphQL jobs and REST downloads (api), ReportCompiler (worker). */
@Module({
  imports: [TypeOrmModule.forFeature([Report, ReportOutput])],
  providers: [ReportingService, ReportingResolver, ReportCompiler],
  controllers: [ReportsController],
  exports: [ReportingService, ReportCompiler],
})
export class ReportingModule {}
