import { PathwaysModule } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { AllocationRunner } from './allocation-runner';
import { MatchingResolver } from './matching.resolver';
import { MatchingService } from './matching.service';

@Module({
  imports: [PathwaysModule, ReferenceModule],
  providers: [MatchingService, MatchingResolver, AllocationRunner],
  exports: [MatchingService],
})
export class MatchingModule {}
