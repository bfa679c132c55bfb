import { CancerArea, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum OfferStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  WITHDRAWN = 'WITHDRAWN',
}
export enum OfferResponse {
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
export enum DeclineReason {
  DISTANCE = 'DISTANCE',
  ABROAD = 'ABROAD',
  PREFERS_OWN_HOSPITAL = 'PREFERS_OWN_HOSPITAL',
  TIMING = 'TIMING',
  HEALTH = 'HEALTH',
  LANGUAGE = 'LANGUAGE',
  FAMILY_OR_WORK = 'FAMILY_OR_WORK',
  OTHER = 'OTHER',
}
registerEnumType(OfferStatus, { name: 'OfferStatus' });
registerEnumType(OfferResponse, { name: 'OfferResponse' });
registerEnumType(DeclineReason, { name: 'DeclineReason' });

/** One offer of an alternative to a patient; kept forever as the region's handlepligt evidence. */
@ObjectType()
@Entity('offer')
export class Offer {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ type: 'uuid' }) pathwayId: string;
  @Field(() => ID) @Column({ type: 'uuid' }) slotId: string;
  @Field(() => OfferStatus) @Column({ type: 'text' }) status: OfferStatus;
  @Field(() => Int, { description: "The patient's home region" }) @Column({ type: 'int' }) regionCode: number;
  @Field(() => CancerArea) @Column({ type: 'text' }) cancerArea: CancerArea;
  @Field(() => Modality) @Column({ type: 'text' }) modality: Modality;
  @Field(() => ID) @Column({ type: 'uuid' }) providerId: string;
  @Field(() => ProviderKind) @Column({ type: 'text' }) providerKind: ProviderKind;
  @Field() @Column({ type: 'char', length: 2 }) providerCountry: string;
  @Field() @Column({ type: 'timestamptz' }) slotStartsAt: Date;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) slotDate: string;
  @Field(() => LocalDateScalar, { description: "The pathway's deadline when the offer was made" })
  @Column({ type: 'date' })
  deadlineAtOffer: string;
  @Field() @Column({ type: 'timestamptz' }) offeredAt: Date;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) offeredOn: string;
  @Field() @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Field(() => DeclineReason, { nullable: true })
  @Column({ type: 'text', nullable: true })
  declineReason: DeclineReason | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) note: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'uuid', nullable: true }) madeBy: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The own region's expected date when the offer was made (set by a trigger)",
  })
  @Column({ type: 'date', nullable: true, insert: false, update: false })
  expectedDateAtOffer: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Danish: what the planner should do next, e.g. record a pause after a HEALTH decline',
  })
  get nextStep(): string | null {
    if (this.status === OfferStatus.DECLINED && this.declineReason === DeclineReason.HEALTH) {
      return 'Patienten afslog af helbredsmæssige grunde: overvej at registrere en pause (recordPause), så fristen flyttes';
    }
    return null;
  }

  @Field({ description: 'The offered slot is on or before the deadline at offer time' })
  get meetsDeadline(): boolean {
    return this.slotDate <= this.deadlineAtOffer;
  }
}
