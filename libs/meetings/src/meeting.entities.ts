import { CancerArea, LocalDateScalar } from '@app/core';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum DecisionKind {
  OFFER_MADE = 'OFFER_MADE',
  NO_ACTION = 'NO_ACTION',
  ESCALATE = 'ESCALATE',
}
registerEnumType(DecisionKind, {
  name: 'DecisionKind',
  valuesMap: {
    OFFER_MADE: { description: 'The pathway was offered a slot (links the offer)' },
    NO_ACTION: { description: 'No action, with a reason' },
    ESCALATE: { description: 'Systematic capacity problem: escalate to the regional health directors' },
  },
});

@ObjectType()
@Entity('meeting')
export class Meeting {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => CancerArea) @Column({ type: 'text' }) cancerArea: CancerArea;
  @Field(() => LocalDateScalar) @Column({ type: 'date', name: 'meeting_date' }) date: string;
  @Field() @Column({ type: 'text' }) title: string;
  @Field(() => [ID]) @Column({ type: 'uuid', array: true, default: () => "'{}'" }) attendeeIds: string[];
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@ObjectType()
@Entity('meeting_decision')
export class MeetingDecision {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ type: 'uuid' }) meetingId: string;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) pathwayId: string | null;
  @Field(() => DecisionKind) @Column({ type: 'text' }) kind: DecisionKind;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) offerId: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) decidedAt: Date;
}
