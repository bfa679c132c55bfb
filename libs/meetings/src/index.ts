export * from './dto/meeting.types';
export * from './meeting.entities';
export * from './meetings.module';
export * from './meetings.service';
