import { MatchingModule } from '@app/matching';
import { PathwaysModule } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Meeting, MeetingDecision } from './meeting.entities';
import { MeetingsResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [TypeOrmModule.forFeature([Meeting, MeetingDecision]), MatchingModule, PathwaysModule, ReferenceModule],
  providers: [MeetingsService, MeetingsResolver],
  exports: [MeetingsService],
})
export class MeetingsModule {}
