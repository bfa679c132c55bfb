export * from './types';
export { haversineKm, distanceTenths, EARTH_RADIUS_KM } from './geo';
export { allocate, AllocationInputError, dayNumber } from './allocate';
export { lexLayout, packInto } from './lex';
export type { LexLayout } from './lex';
export { solveAllocation } from './solver';
export type { SolverChain, SolverOption, SolverPathway, SolverResult } from './solver';
