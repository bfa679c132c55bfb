import fc from 'fast-check';
import { PathwayStatus } from './pathway.entities';
import { MANUAL_TRANSITIONS, manualStatusChangeRefusal, PATHWAY_OFFER_MOVES, reachableFrom } from './pathway-status';

const { WAITING, OFFERED, SCHEDULED, TREATED, CLOSED } = PathwayStatus;
const ALL = Object.values(PathwayStatus);

describe('pathway state machine', () => {
  it.each([
    [WAITING, SCHEDULED, true],
    [WAITING, TREATED, true],
    [WAITING, CLOSED, true],
    [WAITING, OFFERED, false], // only createOffer makes a pathway OFFERED
    [OFFERED, WAITING, false],
    [OFFERED, SCHEDULED, false],
    [OFFERED, CLOSED, false],
    [SCHEDULED, WAITING, true],
    [SCHEDULED, TREATED, true],
    [SCHEDULED, CLOSED, true],
    [TREATED, WAITING, false],
    [CLOSED, WAITING, false],
  ])('manual %s → %s allowed: %s', (from, to, allowed) => {
    expect(manualStatusChangeRefusal(from, to) === null).toBe(allowed);
  });

  it('an OFFERED pathway is told to answer or withdraw its offer', () => {
    expect(manualStatusChangeRefusal(OFFERED, CLOSED)).toMatch(/answer or withdraw the pending offer/);
    expect(manualStatusChangeRefusal(TREATED, WAITING)).not.toMatch(/offer/);
  });

  it('TREATED and CLOSED are final, by hand and through offers', () => {
    for (const s of [TREATED, CLOSED]) {
      expect(MANUAL_TRANSITIONS[s]).toEqual([]);
      expect(reachableFrom(s).size).toBe(0);
    }
  });

  it('the offer lifecycle: WAITING → OFFERED → SCHEDULED or back to WAITING', () => {
    expect(PATHWAY_OFFER_MOVES.offer).toEqual({ from: [WAITING], to: OFFERED });
    expect(PATHWAY_OFFER_MOVES.accept).toEqual({ from: [OFFERED], to: SCHEDULED });
    expect(PATHWAY_OFFER_MOVES.release).toEqual({ from: [OFFERED], to: WAITING });
  });

  it('every open status can still end (TREATED or CLOSED reachable), so no pathway is stuck', () => {
    for (const s of [WAITING, OFFERED, SCHEDULED]) {
      expect(reachableFrom(s).has(TREATED)).toBe(true);
      expect(reachableFrom(s).has(CLOSED)).toBe(true);
    }
  });

  it('property: a random sequence of requested changes only ever follows the table', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALL), { maxLength: 30 }), (requests) => {
        let s: PathwayStatus = WAITING;
        for (const to of requests) {
          const refusal = manualStatusChangeRefusal(s, to);
          if (refusal === null) {
            expect(s === to || MANUAL_TRANSITIONS[s].includes(to)).toBe(true);
            s = to;
          } else {
            expect(MANUAL_TRANSITIONS[s]).not.toContain(to);
          }
        }
        // A manual walk never reaches OFFERED: that status belongs to the offer lifecycle.
        expect(s).not.toBe(OFFERED);
      }),
    );
  });
});
