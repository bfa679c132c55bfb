import { MatchingModule } from '@app/matching';
import { OffersModule } from '@app/offers';
import { PathwaysModule } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Meeting, MeetingDecision } from './meeting.entities';
import { MeetingDecisionResolver, MeetingsResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Meeting, MeetingDecision]),
    MatchingModule,
    OffersModule,
    PathwaysModule,
    ReferenceModule,
  ],
  providers: [MeetingsService, MeetingsResolver, MeetingDecisionResolver],
  exports: [MeetingsService],
})
export class MeetingsModule {}
