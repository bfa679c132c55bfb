import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadlineResolver } from './deadline.resolver';
import { EarlyWarningResolver } from './early-warning.resolver';
import { EarlyWarningService } from './early-warning.service';
import { NotificationService } from './notification.service';
import { EarlyWarning, Pathway, PathwayPause } from './pathway.entities';
import { PatientAnswer } from './patient-answer.entities';
import { PathwaysResolver } from './pathways.resolver';
import { PathwaysService } from './pathways.service';

@Module({
  imports: [TypeOrmModule.forFeature([Pathway, PathwayPause, EarlyWarning, PatientAnswer]), ReferenceModule],
  providers: [
    PathwaysService,
    EarlyWarningService,
    NotificationService,
    PathwaysResolver,
    DeadlineResolver,
    EarlyWarningResolver,
  ],
  exports: [PathwaysService, EarlyWarningService, NotificationService],
})
export class PathwaysModule {}
