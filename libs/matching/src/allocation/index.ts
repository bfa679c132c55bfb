export * from './types';
export { haversineKm, distanceTenths, EARTH_RADIUS_KM } from './geo';
export { allocate, allocateWithCertificate, AllocationInputError, dayNumber } from './allocate';
export type { AllocationCertificate } from './allocate';
export { lexLayout, packInto } from './lex';
export type { LexLayout } from './lex';
export { solveAllocation } from './solver';
export type { InsertionOrder, SolverChain, SolverOption, SolverOptions, SolverPathway, SolverResult } from './solver';
