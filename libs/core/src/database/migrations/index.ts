import { Foundation1764000000000 } from './1764000000000-foundation';
import { Pathways1764000000200 } from './1764000000200-pathways';

/** Every migration, in order; listed as classes so one config works under ts-jest and from dist/. */
export const MIGRATIONS = [Foundation1764000000000, Pathways1764000000200];
