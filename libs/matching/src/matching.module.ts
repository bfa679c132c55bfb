import { PathwaysModule } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { MatchingResolver } from './matching.resolver';
import { MatchingService } from './matching.service';

@Module({ imports: [PathwaysModule, ReferenceModule], providers: [MatchingService, MatchingResolver], exports: [MatchingService] })
export class MatchingModule {}
