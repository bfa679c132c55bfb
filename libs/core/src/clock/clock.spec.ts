import { Test } from '@nestjs/testing';
import { Clock, ClockModule } from './clock';

describe('Clock', () => {
  it('is the system clock until set', () => {
    const c = new Clock();
    const before = Date.now();
    const now = c.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('frozen: now() stays at the set instant and today() is its Copenhagen date', () => {
    const c = new Clock();
    c.set('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Copenhagen
    expect(c.now().toISOString()).toBe('2026-12-31T23:30:00.000Z');
    expect(c.today()).toBe('2027-01-01');
    c.advance(-60 * 60 * 1000);
    expect(c.today()).toBe('2026-12-31');
  });

  it('running: keeps ticking from the set instant; reset returns to the system clock', () => {
    const c = new Clock();
    c.set(new Date('2030-06-01T10:00:00Z'), { running: true });
    const t = c.now().getTime();
    expect(Math.abs(t - Date.parse('2030-06-01T10:00:00Z'))).toBeLessThan(1000);
    c.reset();
    expect(Math.abs(c.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('refuses a non-instant', () => {
    expect(() => new Clock().set('not a date')).toThrow(/not an instant/);
  });

  it('returns copies: callers cannot move a frozen clock by mutating the Date', () => {
    const c = new Clock();
    c.set('2027-03-01T12:00:00Z');
    c.now().setFullYear(1999);
    expect(c.now().toISOString()).toBe('2027-03-01T12:00:00.000Z');
  });

  it('is one global provider', async () => {
    const mod = await Test.createTestingModule({ imports: [ClockModule] }).compile();
    expect(mod.get(Clock)).toBeInstanceOf(Clock);
  });
});
