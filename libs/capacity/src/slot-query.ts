import { CancerArea, Modality, ProviderKind } from '@app/core';
import { SlotStatus } from './slot.entities';

/** A bound on a slot's start instant, e.g. { op: '>=', at } for "starts at or after". */
export interface StartBound {
  op: '>=' | '>' | '<' | '<=';
  at: Date;
}

/** What the GraphQL `slots` query and the FHIR Slot search have in common. */
export interface SlotQuery {
  status: SlotStatus;
  /** Any of these areas; undefined = no restriction, [] = nothing. */
  cancerAreas?: CancerArea[];
  modality?: Modality;
  regionCode?: number;
  outsideRegionCode?: number;
  providerKind?: ProviderKind;
  providerId?: string;
  starts: StartBound[];
}
