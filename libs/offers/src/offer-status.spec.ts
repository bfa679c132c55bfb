import fc from 'fast-check';
import { OfferStatus } from './offer.entities';
import { canOfferMove, OFFER_TRANSITIONS } from './offer-status';

const ALL = Object.values(OfferStatus);
const { PENDING } = OfferStatus;

describe('offer state machine', () => {
  it('PENDING ends in exactly one of ACCEPTED, DECLINED, EXPIRED, WITHDRAWN', () => {
    expect([...OFFER_TRANSITIONS[PENDING]].sort()).toEqual(['ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN']);
  });

  it('property: only PENDING moves, and never to itself; every end state is final', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.constantFrom(...ALL), (from, to) => {
        expect(canOfferMove(from, to)).toBe(from === PENDING && to !== PENDING);
      }),
    );
  });
});
