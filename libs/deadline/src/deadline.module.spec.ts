import { Test } from '@nestjs/testing';
import { computeDeadline } from './deadline';
import { DeadlineModule, DeadlineService } from './deadline.module';

describe('DeadlineModule', () => {
  it('provides the same answers as the pure functions', async () => {
    const mod = await Test.createTestingModule({ imports: [DeadlineModule] }).compile();
    const d = mod.get(DeadlineService);
    const input = { phase: 'PRIMARY_TREATMENT' as const, clockStart: '2026-03-30', patientAcceptedOn: '2026-04-01' };
    expect(d.compute(input)).toEqual(computeDeadline(input));
    expect(d.addWorkingDays('2026-04-01', 1)).toBe('2026-04-07');
    expect(d.informationDeadline('2025-12-19')).toBe('2026-01-07');
    expect(d.today(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });
});
