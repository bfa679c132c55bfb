import { CancerArea, ConnectionType, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Slot status (domain.md §4); later libs move it only by conditional updates on this column. */
export enum SlotStatus {
  FREE = 'FREE',
  HELD = 'HELD',
  BOOKED = 'BOOKED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

registerEnumType(SlotStatus, {
  name: 'SlotStatus',
  description: 'Status of a slot; the FHIR R4 Slot.status it is exported as is given per value',
  valuesMap: {
    FREE: { description: 'Open for offers (FHIR free)' },
    HELD: { description: 'Held by a pending offer (FHIR busy-tentative)' },
    BOOKED: { description: 'Taken by an accepted offer (FHIR busy)' },
    WITHDRAWN: { description: 'Withdrawn by the provider region (FHIR busy-unavailable)' },
    EXPIRED: { description: 'Its start passed while it was free (FHIR busy-unavailable)' },
  },
});

@ObjectType({ description: 'A recurring block of slots: weekdays × Copenhagen local time × date range' })
@Entity('slot_series')
export class SlotSeries {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ type: 'uuid' }) providerId: string;
  @Field(() => CancerArea) @Column({ type: 'text' }) cancerArea: CancerArea;
  @Field(() => Modality) @Column({ type: 'text' }) modality: Modality;
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday … 7 = Sunday' })
  @Column({ type: 'int', array: true })
  weekdays: number[];
  @Field({ description: "Start time 'HH:MM', Europe/Copenhagen local time" })
  @Column({ type: 'text' })
  startTime: string;
  @Field(() => Int) @Column({ type: 'int' }) durationMinutes: number;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) fromDate: string;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) toDate: string;
  @Field(() => Int) @Column({ type: 'int', default: 1 }) countPerOccurrence: number;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@ObjectType({ description: 'One treatment or examination opportunity at a provider' })
@Entity('slot')
export class Slot {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ type: 'uuid' }) providerId: string;
  @Field(() => CancerArea) @Column({ type: 'text' }) cancerArea: CancerArea;
  @Field(() => Modality) @Column({ type: 'text' }) modality: Modality;
  @Field({ description: 'Start instant' }) @Column({ name: 'starts_at', type: 'timestamptz' }) starts: Date;
  @Field(() => Int) @Column({ type: 'int' }) durationMinutes: number;
  @Field(() => LocalDateScalar, { description: 'Danish (Europe/Copenhagen) calendar date of the start' })
  @Column({ name: 'slot_date', type: 'date', insert: false, update: false })
  date: string;
  @Field(() => SlotStatus) @Column({ type: 'text', default: SlotStatus.FREE }) status: SlotStatus;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) seriesId: string | null;
  @Field(() => Int, { description: 'Number of this slot among parallel slots at the same start (0 = first)' })
  @Column({ type: 'int', default: 0 })
  seq: number;
  @Field(() => Int, {
    nullable: true,
    description: "The provider's region code (null abroad); see effectiveRegionCode",
  })
  @Column({ type: 'int', nullable: true })
  regionCode: number | null;
  @Field(() => ProviderKind) @Column({ type: 'text' }) providerKind: ProviderKind;
  @Column({ type: 'uuid', nullable: true }) publishedBy: string | null;
  /** Region of the pathway whose offer holds or booked the slot (set by the offers lib through transitionInTx). */
  @Column({ type: 'int', nullable: true }) heldForRegionCode: number | null;
  @Field(() => ID, { nullable: true, description: 'The capacity import (file) the slot came from, if any' })
  @Column({ type: 'uuid', nullable: true })
  importId: string | null;
  @Field(() => String, { nullable: true, description: "The booking system's own id of the slot, from an import" })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;
  @Field() @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Field() @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const SlotConnection = ConnectionType(Slot, 'Slot');
