export { AllocationPool, AllocationThreadError, AllocationTimeoutError } from './pool';
export type { AllocationPoolOptions } from './pool';
