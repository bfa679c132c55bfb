import { Role } from '@app/core';

/**
 * Who may call which /fhir route: the one place these roles are decided (handlers use @Roles(...FHIR_ACCESS.x)).
 * Capacity (Slot, Schedule, bulk publication) is for the roles that work with capacity; observers see reports and
 * aggregates only (domain.md §2). Locations are the public provider register, like the `providers` query.
 */
export const FHIR_ACCESS = {
  capacity: [Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION],
  locations: [Role.SECRETARIAT, Role.PLANNER, Role.COLLABORATION, Role.OBSERVER],
} as const satisfies Record<string, readonly Role[]>;
