import { OfferStatus } from './offer.entities';

const { PENDING, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN } = OfferStatus;

/** An offer is answered once: PENDING → ACCEPTED | DECLINED | EXPIRED | WITHDRAWN; every end state is final. */
export const OFFER_TRANSITIONS: Readonly<Record<OfferStatus, readonly OfferStatus[]>> = {
  [PENDING]: [ACCEPTED, DECLINED, EXPIRED, WITHDRAWN],
  [ACCEPTED]: [],
  [DECLINED]: [],
  [EXPIRED]: [],
  [WITHDRAWN]: [],
};

export function canOfferMove(from: OfferStatus, to: OfferStatus): boolean {
  return OFFER_TRANSITIONS[from].includes(to);
}
