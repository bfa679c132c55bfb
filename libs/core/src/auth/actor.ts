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
export const SYSTEM_ACTOR: Actor = {
  userId: '',
  email: 'system',
  role: Role.SECRETARIAT,
  regionCode: null,
  cancerAreas: [],
};

export const isSecretariat = (a: Actor) => a.role === Role.SECRETARIAT;

/** Role names as the web app shows them (permission messages in Danish). */
export const ROLE_DA: Record<Role, string> = {
  [Role.SECRETARIAT]: 'sekretariatet',
  [Role.PLANNER]: 'planlæggere',
  [Role.COLLABORATION]: 'kræftsamarbejderne',
  [Role.OBSERVER]: 'observatører',
};

export const CANCER_AREA_DA: Record<CancerArea, string> = {
  [CancerArea.BREAST]: 'brystkræft',
  [CancerArea.LUNG]: 'lungekræft',
  [CancerArea.URINARY]: 'kræft i urinvejene',
  [CancerArea.GYNAECOLOGICAL]: 'gynækologisk kræft',
  [CancerArea.UPPER_GI]: 'kræft i øvre mave-tarm-kanal',
  [CancerArea.LOWER_GI]: 'kræft i nedre mave-tarm-kanal',
  [CancerArea.OTHER]: 'andre kræftformer',
};

/**
 * Planners act only for their own region; the secretariat for all. `nameOf` turns region codes into names for the
 * message (a planner understands "Region Hovedstaden", not 1084).
 */
export function assertRegionWrite(
  actor: Actor,
  regionCode: number | null,
  what: string,
  nameOf: (code: number) => string = (c) => `region ${c}`,
): void {
  if (isSecretariat(actor)) return;
  if (actor.role === Role.PLANNER && regionCode !== null && actor.regionCode === regionCode) return;
  const theirs = regionCode === null ? 'abroad' : nameOf(regionCode);
  const mine = actor.role === Role.PLANNER && actor.regionCode !== null ? nameOf(actor.regionCode) : null;
  throw forbidden(
    `You may not change ${what}: it belongs to ${theirs}${mine ? `; you plan for ${mine}` : ''}`,
    `Du kan ikke ændre ${what}: det hører under ${regionCode === null ? 'udlandet' : theirs}${mine ? `; du planlægger for ${mine}` : ''}`,
  );
}

export function assertCancerArea(actor: Actor, area: CancerArea): void {
  if (actor.role === Role.COLLABORATION && !actor.cancerAreas.includes(area)) {
    throw forbidden(
      `Your collaboration covers ${actor.cancerAreas.join(', ')}, not ${area}`,
      `Dit kræftsamarbejde dækker ${actor.cancerAreas.map((a) => CANCER_AREA_DA[a]).join(', ')}, ikke ${CANCER_AREA_DA[area]}`,
    );
  }
}
