import { CancerArea, Role } from '../domain/enums';
import { forbidden } from '../errors/domain-error';

/** Who is acting in a request: taken from the verified JWT and passed first to every service call. */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  regionCode: number | null;
  cancerAreas: CancerArea[];
}

/** The system itself (worker jobs, seeds): audited under this label. */
export const SYSTEM_ACTOR: Actor = { userId: '', email: 'system', role: Role.SECRETARIAT, regionCode: null, cancerAreas: [] };

export const isSecretariat = (a: Actor) => a.role === Role.SECRETARIAT;

/** Planners act only for their own region; the secretariat for all. */
export function assertRegionWrite(actor: Actor, regionCode: number | null, what: string): void {
  if (isSecretariat(actor)) return;
  if (actor.role === Role.PLANNER && regionCode !== null && actor.regionCode === regionCode) return;
  throw forbidden(`You may not change ${what} of region ${regionCode ?? 'abroad'}`);
}

export function assertCancerArea(actor: Actor, area: CancerArea): void {
  if (actor.role === Role.COLLABORATION && !actor.cancerAreas.includes(area)) {
    throw forbidden(`Your collaboration does not cover ${area}`);
  }
}
