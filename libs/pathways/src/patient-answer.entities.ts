import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One answered offer as the patient gave it (accepted or declined), with the distance from the home municipality in
 * the exchange's one measure (SQL `geo_distance_km`) and its band. Written only by triggers on `offer` (migration
 * 1764000001300), read here for the patient's wishes and the acceptance rates.
 */
@Entity('pathway_answer')
export class PatientAnswer {
  @PrimaryColumn({ type: 'uuid' }) offerId: string;
  @Column({ type: 'uuid' }) pathwayId: string;
  @Column({ type: 'uuid' }) slotId: string;
  @Column({ type: 'uuid' }) providerId: string;
  @Column({ type: 'text' }) providerKind: string;
  @Column({ type: 'char', length: 2 }) providerCountry: string;
  @Column({ type: 'int', nullable: true }) providerRegionCode: number | null;
  @Column({ type: 'date' }) slotDate: string;
  @Column({ type: 'float8' }) distanceKm: number;
  @Column({ type: 'text' }) distanceBand: string;
  @Column({ type: 'text' }) answer: 'ACCEPTED' | 'DECLINED';
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @Column({ type: 'timestamptz' }) answeredAt: Date;
}
