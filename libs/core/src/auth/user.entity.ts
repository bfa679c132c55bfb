import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CancerArea, Role } from '../domain/enums';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  /** Set for PLANNER: the region whose slots and pathways the user manages. */
  @Column({ type: 'int', nullable: true })
  regionCode: number | null;

  /** Set for COLLABORATION: the cancer areas of the user's collaborations. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cancerAreas: CancerArea[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** A demo login (password `demo`): refused outside demo mode, and disabled when the system starts without it. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
