import { CancerArea, LocalDateScalar, Modality, ProviderKind } from '@app/core';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

@ObjectType()
@Entity('region')
export class Region {
  @Field(() => Int) @PrimaryColumn({ type: 'int' }) code: number;
  @Field() @Column({ type: 'text' }) isoCode: string;
  @Field() @Column({ type: 'text' }) name: string;
  @Field() @Column({ type: 'text' }) slug: string;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', nullable: true }) validFrom: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', nullable: true }) validTo: string | null;
  @Field(() => Int, { nullable: true, description: 'The region that takes over after validTo (Lov 699/2025)' })
  @Column({ type: 'int', nullable: true })
  successorCode: number | null;
}

@ObjectType()
@Entity('municipality')
export class Municipality {
  @Field(() => Int) @PrimaryColumn({ type: 'int' }) code: number;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => Int, { description: 'Region code the municipality was created under; see effectiveRegionCode' })
  @Column({ type: 'int' })
  regionCode: number;
  @Field(() => Float) @Column({ type: 'double precision' }) lat: number;
  @Field(() => Float) @Column({ type: 'double precision' }) lon: number;
}

@ObjectType()
@Entity('provider')
export class Provider {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true, unique: true }) key: string | null;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => ProviderKind) @Column({ type: 'text' }) kind: ProviderKind;
  @Field(() => Int, { nullable: true }) @Column({ type: 'int', nullable: true }) regionCode: number | null;
  @Field({ description: 'ISO 3166-1 alpha-2' }) @Column({ type: 'char', length: 2 }) country: string;
  @Field(() => Float) @Column({ type: 'double precision' }) lat: number;
  @Field(() => Float) @Column({ type: 'double precision' }) lon: number;
  @Field(() => [CancerArea]) @Column({ type: 'text', array: true }) cancerAreas: CancerArea[];
  @Field(() => [Modality]) @Column({ type: 'text', array: true }) modalities: Modality[];
  @Field() @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@ObjectType()
@Entity('agreement')
export class Agreement {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ type: 'uuid' }) providerId: string;
  @ManyToOne(() => Provider) @JoinColumn({ name: 'provider_id' }) provider?: Provider;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) validFrom: string;
  @Field(() => LocalDateScalar) @Column({ type: 'date' }) validTo: string;
  @Field(() => [CancerArea]) @Column({ type: 'text', array: true }) cancerAreas: CancerArea[];
  @Field(() => [Modality]) @Column({ type: 'text', array: true }) modalities: Modality[];
  @Field(() => Float, { nullable: true })
  @Column({
    type: 'numeric',
    precision: 12,
    scale: 2,
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) },
  })
  pricePerCourseDkk: number | null;
  @Field() @Column({ type: 'text', default: '' }) notes: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
