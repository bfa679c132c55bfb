/** Input and output of the batch allocation solver: plain data, no framework or database types. */

export type ProviderKind = 'PUBLIC' | 'PRIVATE' | 'FOREIGN';

export interface AllocationProvider {
  id: string;
  kind: ProviderKind;
  lat: number;
  lon: number;
}

export interface AllocationPathway {
  id: string;
  /** Legal deadline, YYYY-MM-DD. */
  deadline: string;
  lat: number;
  lon: number;
  /** Providers this pathway must not be sent to, e.g. those of its own region. */
  excludedProviderIds?: string[];
}

export interface AllocationSlot {
  id: string;
  providerId: string;
  /** The slot's calendar date, YYYY-MM-DD. */
  date: string;
}

export interface AllocationInput {
  pathways: AllocationPathway[];
  slots: AllocationSlot[];
  providers: AllocationProvider[];
  /** Tie-breaker after distance; integers, default PUBLIC 0, PRIVATE 1, FOREIGN 2. */
  kindPenalty?: Record<ProviderKind, number>;
}

export interface AllocationAssignment {
  pathwayId: string;
  slotId: string;
  providerId: string;
  meetsDeadline: boolean;
  /** deadline - slot date in calendar days; negative when late. */
  daysBeforeDeadline: number;
  /** Great-circle distance pathway → provider, one decimal. */
  distanceKm: number;
}

export type UnassignedReason =
  /** No slot at a provider the pathway may use. */
  | 'NO_SLOT'
  /** Only late slots were feasible and none of them was left. */
  | 'NONE_IN_TIME'
  /** In-time slots were feasible but all went to others. */
  | 'CAPACITY_TAKEN';

export interface AllocationUnassigned {
  pathwayId: string;
  reason: UnassignedReason;
}

export interface AllocationTotals {
  pathways: number;
  slots: number;
  placed: number;
  placedInTime: number;
  placedLate: number;
  totalDaysLate: number;
  totalDistanceKm: number;
  totalKindPenalty: number;
}

export interface AllocationResult {
  /** Sorted by pathway id. */
  assignments: AllocationAssignment[];
  /** Sorted by pathway id. */
  unassigned: AllocationUnassigned[];
  totals: AllocationTotals;
}

export const DEFAULT_KIND_PENALTY: Readonly<Record<ProviderKind, number>> = Object.freeze({
  PUBLIC: 0,
  PRIVATE: 1,
  FOREIGN: 2,
});
