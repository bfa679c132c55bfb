import { solveAllocation } from './solver';

describe('solveAllocation', () => {
  it('packs costs into one word for small instances and into more as magnitudes grow', () => {
    const chains = [{ days: [0, 5, 9], capacity: [1, 2, 1] }];
    expect(
      solveAllocation(chains, [{ deadline: 4, options: [{ chain: 0, distTenths: 12, kindPenalty: 1 }] }]).layout.words,
    ).toBe(1);
    const huge = solveAllocation(chains, [
      { deadline: 4, options: [{ chain: 0, distTenths: 40_000, kindPenalty: 1e13 }] },
      { deadline: 7, options: [{ chain: 0, distTenths: 5, kindPenalty: -1e13 }] },
    ]);
    expect(huge.layout.words).toBeGreaterThanOrEqual(3);
    expect(Array.from(huge.chain)).toEqual([0, 0]);
  });

  it('refuses magnitudes that no safe integer can hold exactly', () => {
    const chains = [{ days: [0], capacity: [1] }];
    expect(() =>
      solveAllocation(chains, [{ deadline: 0, options: [{ chain: 0, distTenths: 1, kindPenalty: 2 ** 52 }] }]),
    ).toThrow(RangeError);
  });

  it('gives earlier dates to the more urgent of otherwise equal pathways', () => {
    const chains = [{ days: [0, 3, 6, 20, 25], capacity: [1, 1, 1, 1, 1] }];
    const option = [{ chain: 0, distTenths: 10, kindPenalty: 0 }];
    const result = solveAllocation(chains, [
      { deadline: 10, options: option },
      { deadline: 7, options: option },
      { deadline: 8, options: option },
      { deadline: 12, options: option },
      { deadline: 11, options: option },
    ]);
    // In time: dates 0, 3, 6 to deadlines 7, 8, 10; late: dates 20, 25 to deadlines 11, 12 (the more overdue first).
    expect(Array.from(result.dayIndex)).toEqual([2, 0, 1, 4, 3]);
  });
});
