import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every migration, in order; listed as classes so one config works under ts-jest and from dist/. */
export const MIGRATIONS = [Foundation1764000000000];
