import { AllocationInput, allocate } from '../allocation';
import { AllocationPool, AllocationThreadError, AllocationTimeoutError } from './pool';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLASSES, makeClassInstance } from '../../../../bench/allocation-instances';

/** The pool runs the real solver in real threads (loaded from the TypeScript sources here, from dist/ in production). */
describe('AllocationPool', () => {
  const small: AllocationInput = {
    providers: [{ id: 'a', kind: 'PUBLIC', lat: 55.68, lon: 12.57 }],
    slots: [{ id: 's1', providerId: 'a', date: '2025-03-01' }],
    pathways: [{ id: 'p1', deadline: '2025-03-02', lat: 56.16, lon: 10.2 }],
  };

  it('returns what the solver returns, reusing its threads', async () => {
    const pool = new AllocationPool({ threads: 2, timeBudgetMs: 60_000 });
    try {
      const input = makeClassInstance({ ...CLASSES[0], pathways: 100, slots: 200, providers: 20 });
      const results = await Promise.all([pool.allocate(input), pool.allocate(small), pool.allocate(input)]);
      expect(results[0]).toEqual(allocate(input));
      expect(results[1]).toEqual(allocate(small));
      expect(results[2]).toEqual(results[0]);
      expect(pool.threads).toBe(2);
      await pool.allocate(small);
      expect(pool.threads).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("regression: an instance from the e2e suite on which level B re-placed a pathway finishes, with the direct method's optimum", async () => {
    // 87 pathways × 81 slots (a BREAST proposal after many e2e files): an optional pathway gave its place up and was
    // placed again, which listed its entries a second time at their chain nodes and linked one to itself — the
    // search then walked that list for ever. In a thread with a budget, so a relapse fails here instead of hanging.
    const input = JSON.parse(
      readFileSync(join(__dirname, '..', 'allocation', 'fixtures', 'replaced-pathway.json'), 'utf8'),
    ) as AllocationInput;
    const pool = new AllocationPool({ threads: 1, timeBudgetMs: 20_000 });
    try {
      const levels = await pool.allocate(input);
      const direct = allocate(input, { insert: 'pathways' });
      expect(levels.totals).toEqual(direct.totals);
      expect(levels.assignments.length).toBe(64);
    } finally {
      await pool.close();
    }
  });

  it('keeps the event loop free while the solver runs', async () => {
    const pool = new AllocationPool({ threads: 1, timeBudgetMs: 120_000 });
    try {
      await pool.allocate(small); // thread started and warm
      const input = makeClassInstance({ ...CLASSES[1], pathways: 1000, slots: 2500 });
      let ticks = 0;
      let worstGap = 0;
      let last = Date.now();
      const timer = setInterval(() => {
        const now = Date.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
        ticks++;
      }, 10);
      const t0 = Date.now();
      await pool.allocate(input);
      clearInterval(timer);
      const elapsed = Date.now() - t0;
      // The timer kept firing throughout (it would not fire at all if the solver ran on this thread).
      expect(ticks).toBeGreaterThan(elapsed / 10 / 4);
      expect(worstGap).toBeLessThan(Math.max(200, elapsed / 2));
    } finally {
      await pool.close();
    }
  });

  it('rejects with AllocationTimeoutError past the budget, and recovers with a fresh thread', async () => {
    const pool = new AllocationPool({ threads: 1, timeBudgetMs: 50 });
    try {
      const big = makeClassInstance(CLASSES.find((c) => c.key === 'late-2000')!);
      await expect(pool.allocate(big)).rejects.toBeInstanceOf(AllocationTimeoutError);
      expect(pool.threads).toBe(0);
    } finally {
      await pool.close();
    }
    const again = new AllocationPool({ threads: 1, timeBudgetMs: 60_000 });
    try {
      await expect(again.allocate(small)).resolves.toEqual(allocate(small));
    } finally {
      await again.close();
    }
  });

  it('passes solver errors on with their name', async () => {
    const pool = new AllocationPool({ threads: 1, timeBudgetMs: 60_000 });
    try {
      const bad = { ...small, slots: [{ id: 's1', providerId: 'nope', date: '2025-03-01' }] };
      const err = await pool.allocate(bad).catch((e: Error) => e);
      expect(err).toBeInstanceOf(AllocationThreadError);
      expect((err as Error).name).toBe('AllocationInputError');
    } finally {
      await pool.close();
    }
  });
});
