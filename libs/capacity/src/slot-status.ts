import { SlotStatus } from './slot.entities';

const { FREE, HELD, BOOKED, WITHDRAWN, EXPIRED } = SlotStatus;

/**
 * The slot state machine (domain.md §4). FREE → HELD by an offer, HELD → BOOKED on accept or back to FREE on
 * decline/withdraw/expiry (EXPIRED instead if its start passed meanwhile); FREE → WITHDRAWN by the provider region;
 * FREE → EXPIRED when the start passes. BOOKED, WITHDRAWN and EXPIRED are final.
 */
export const SLOT_TRANSITIONS: Readonly<Record<SlotStatus, readonly SlotStatus[]>> = {
  [FREE]: [HELD, WITHDRAWN, EXPIRED],
  [HELD]: [BOOKED, FREE, EXPIRED],
  [BOOKED]: [],
  [WITHDRAWN]: [],
  [EXPIRED]: [],
};

export function canSlotMove(from: SlotStatus, to: SlotStatus): boolean {
  return SLOT_TRANSITIONS[from].includes(to);
}

/** The audit action of a change to `to` (`slot.hold`, `slot.booked`, …). */
export function slotAction(to: SlotStatus): string {
  return `slot.${to === HELD ? 'hold' : to.toLowerCase()}`;
}

/** Where a held slot goes when its offer ends without acceptance: FREE again, or EXPIRED once its start has passed. */
export function releasedSlotStatus(startsAt: Date, now: Date): SlotStatus {
  return startsAt.getTime() > now.getTime() ? FREE : EXPIRED;
}

/** Why withdrawSlot refuses a slot in each status (only FREE can be withdrawn). */
export const WHY_NOT_WITHDRAWN: Readonly<Record<SlotStatus, string>> = {
  [FREE]: 'The slot changed while it was being withdrawn; try again',
  [HELD]: 'The slot is held by a pending offer; withdraw the offer first',
  [BOOKED]: 'The slot is booked by an accepted offer; a booked slot cannot be withdrawn',
  [WITHDRAWN]: 'The slot is already withdrawn',
  [EXPIRED]: 'The slot has expired: its start passed while it was free',
};
