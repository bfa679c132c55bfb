import fc from 'fast-check';
import { SlotStatus } from './slot.entities';
import { canSlotMove, releasedSlotStatus, SLOT_TRANSITIONS, slotAction, WHY_NOT_WITHDRAWN } from './slot-status';

const { FREE, HELD, BOOKED, WITHDRAWN, EXPIRED } = SlotStatus;
const ALL = Object.values(SlotStatus);

describe('slot state machine', () => {
  it.each([
    [FREE, HELD, true],
    [FREE, WITHDRAWN, true],
    [FREE, EXPIRED, true],
    [FREE, BOOKED, false], // only a held slot is booked (the offer arbitrates)
    [HELD, BOOKED, true],
    [HELD, FREE, true],
    [HELD, EXPIRED, true],
    [HELD, WITHDRAWN, false], // withdraw the offer first
    [BOOKED, FREE, false],
    [WITHDRAWN, FREE, false],
    [EXPIRED, FREE, false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canSlotMove(from, to)).toBe(allowed);
  });

  it('BOOKED, WITHDRAWN and EXPIRED are final; no status moves to itself', () => {
    for (const s of [BOOKED, WITHDRAWN, EXPIRED]) expect(SLOT_TRANSITIONS[s]).toEqual([]);
    for (const s of ALL) expect(canSlotMove(s, s)).toBe(false);
  });

  it('audit action names', () => {
    expect(ALL.map(slotAction)).toEqual(['slot.free', 'slot.hold', 'slot.booked', 'slot.withdrawn', 'slot.expired']);
  });

  it('every status that cannot be withdrawn has its reason', () => {
    for (const s of ALL) expect(WHY_NOT_WITHDRAWN[s].length).toBeGreaterThan(10);
    expect(WHY_NOT_WITHDRAWN[HELD]).toMatch(/withdraw the offer first/);
  });

  it('a released slot is FREE before its start and EXPIRED from its start on', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e10, max: 1e10 }), fc.integer({ min: 0, max: 4e12 }), (delta, base) => {
        const now = new Date(base);
        const startsAt = new Date(base + delta);
        const to = releasedSlotStatus(startsAt, now);
        expect(to).toBe(delta > 0 ? FREE : EXPIRED);
        expect(canSlotMove(HELD, to)).toBe(true);
      }),
    );
  });

  it('property: from FREE, every path through the table ends in a final status within three steps', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), (choices) => {
        let s: SlotStatus = FREE;
        let steps = 0;
        for (const c of choices) {
          const next: readonly SlotStatus[] = SLOT_TRANSITIONS[s];
          if (!next.length) break;
          s = next[c % next.length];
          steps++;
          if (s === FREE) steps = 0; // released back to FREE: a new round
        }
        expect(steps).toBeLessThanOrEqual(2);
      }),
    );
  });
});
