import { type DeadlineInput, type Pause, type Phase, computeDeadline } from './index';

const inputError = (field: string) => expect.objectContaining({ name: 'DeadlineInputError', field });

const pause = (from: string, to: string, reason: Pause['reason'] = 'PATIENT_CHOICE'): Pause => ({ from, to, reason });

describe('computeDeadline: phase rules (DK-2024)', () => {
  it.each<[string, Phase, string, string | undefined, string]>([
    ['diagnostic: clockStart + 14', 'DIAGNOSTIC', '2025-03-03', undefined, '2025-03-17'],
    ['diagnostic ignores acceptance', 'DIAGNOSTIC', '2025-03-03', '2025-03-20', '2025-03-17'],
    ['diagnostic across a year end', 'DIAGNOSTIC', '2025-12-25', undefined, '2026-01-08'],
    ['diagnostic across a leap day', 'DIAGNOSTIC', '2024-02-20', undefined, '2024-03-05'],
    ['diagnostic without a leap day', 'DIAGNOSTIC', '2025-02-20', undefined, '2025-03-06'],
    ['weekend deadline is not moved', 'DIAGNOSTIC', '2025-03-01', undefined, '2025-03-15'],
    ['holiday deadline is not moved', 'DIAGNOSTIC', '2025-12-11', undefined, '2025-12-25'],
    ['primary not accepted: clockStart + 28', 'PRIMARY_TREATMENT', '2025-03-03', undefined, '2025-03-31'],
    ['primary accepted early: accepted + 14', 'PRIMARY_TREATMENT', '2025-03-03', '2025-03-05', '2025-03-19'],
    ['primary accepted on clockStart', 'PRIMARY_TREATMENT', '2025-03-03', '2025-03-03', '2025-03-17'],
    ['primary accepted on day 14: both give day 28', 'PRIMARY_TREATMENT', '2025-03-03', '2025-03-17', '2025-03-31'],
    ['primary accepted late: capped at clockStart + 28', 'PRIMARY_TREATMENT', '2025-03-03', '2025-03-20', '2025-03-31'],
    ['primary across a leap day', 'PRIMARY_TREATMENT', '2024-02-10', undefined, '2024-03-09'],
    ['primary across a year end', 'PRIMARY_TREATMENT', '2024-12-20', undefined, '2025-01-17'],
    ['adjuvant not accepted: clockStart + 14', 'ADJUVANT_TREATMENT', '2025-03-03', undefined, '2025-03-17'],
    ['adjuvant accepted on clockStart', 'ADJUVANT_TREATMENT', '2025-03-03', '2025-03-03', '2025-03-17'],
    ['adjuvant accepted later: accepted + 14', 'ADJUVANT_TREATMENT', '2025-03-03', '2025-03-10', '2025-03-24'],
    ['adjuvant accepted much later', 'ADJUVANT_TREATMENT', '2025-03-03', '2025-05-01', '2025-05-15'],
  ])('%s', (_, phase, clockStart, patientAcceptedOn, expected) => {
    const input: DeadlineInput = { phase, clockStart, patientAcceptedOn };
    expect(computeDeadline(input)).toEqual({
      deadline: expected,
      baseDeadline: expected,
      pausedDays: 0,
      ruleSet: 'DK-2024',
    });
  });

  it('treats a null acceptance date or pauses list as absent (as GraphQL sends them)', () => {
    const input = { phase: 'PRIMARY_TREATMENT', clockStart: '2025-03-03', patientAcceptedOn: null, pauses: null };
    expect(computeDeadline(input as unknown as DeadlineInput).deadline).toBe('2025-03-31');
  });
});

describe('computeDeadline: pauses', () => {
  // DIAGNOSTIC from Monday 2025-03-03: base deadline 2025-03-17.
  const clockStart = '2025-03-03';

  it.each<[string, Pause[], string, number]>([
    ['no pauses', [], '2025-03-17', 0],
    ['one pause adds its days', [pause('2025-03-05', '2025-03-08')], '2025-03-20', 3],
    ['an empty pause (from = to) adds nothing', [pause('2025-03-05', '2025-03-05')], '2025-03-17', 0],
    [
      'overlapping pauses count shared days once',
      [pause('2025-03-05', '2025-03-10'), pause('2025-03-08', '2025-03-12', 'HEALTH')],
      '2025-03-24',
      7,
    ],
    [
      'a pause inside another adds nothing more',
      [pause('2025-03-05', '2025-03-15'), pause('2025-03-06', '2025-03-07')],
      '2025-03-27',
      10,
    ],
    [
      'touching pauses merge into one',
      [pause('2025-03-05', '2025-03-08'), pause('2025-03-08', '2025-03-10', 'HEALTH')],
      '2025-03-22',
      5,
    ],
    [
      'touching pauses that reach past the deadline count in full',
      [pause('2025-03-10', '2025-03-17'), pause('2025-03-17', '2025-03-20')],
      '2025-03-27',
      10,
    ],
    ['a pause starting before clockStart counts from clockStart', [pause('2025-02-28', '2025-03-05')], '2025-03-19', 2],
    ['a pause entirely before clockStart adds nothing', [pause('2025-02-20', '2025-02-25')], '2025-03-17', 0],
    ['a pause ending on clockStart adds nothing', [pause('2025-02-20', '2025-03-03')], '2025-03-17', 0],
    ['a pause starting on clockStart counts in full', [pause('2025-03-03', '2025-03-06')], '2025-03-20', 3],
    ['a pause starting on the deadline counts', [pause('2025-03-17', '2025-03-19')], '2025-03-19', 2],
    ['a pause starting after the deadline adds nothing', [pause('2025-03-18', '2025-03-25')], '2025-03-17', 0],
    ['a long pause spanning the deadline counts in full', [pause('2025-03-10', '2025-04-30')], '2025-05-07', 51],
    [
      'a later pause counts because an earlier one moved the deadline',
      [pause('2025-03-20', '2025-03-25'), pause('2025-03-10', '2025-03-15')],
      '2025-03-27',
      10,
    ],
    [
      'chained three deep, the fourth starts too late',
      [
        pause('2025-03-10', '2025-03-15'),
        pause('2025-03-20', '2025-03-25'),
        pause('2025-03-27', '2025-03-29', 'HEALTH'),
        pause('2025-03-30', '2025-04-05'),
      ],
      '2025-03-29',
      12,
    ],
    [
      'a pause beyond the deadline stays out even after an earlier one',
      [pause('2025-03-05', '2025-03-07'), pause('2025-03-20', '2025-03-25')],
      '2025-03-19',
      2,
    ],
    [
      'identical pauses count once',
      [pause('2025-03-05', '2025-03-08'), pause('2025-03-05', '2025-03-08', 'HEALTH')],
      '2025-03-20',
      3,
    ],
  ])('%s', (_, pauses, deadline, pausedDays) => {
    expect(computeDeadline({ phase: 'DIAGNOSTIC', clockStart, pauses })).toEqual({
      deadline,
      baseDeadline: '2025-03-17',
      pausedDays,
      ruleSet: 'DK-2024',
    });
  });

  it('extends the acceptance-based primary deadline', () => {
    const result = computeDeadline({
      phase: 'PRIMARY_TREATMENT',
      clockStart,
      patientAcceptedOn: '2025-03-05',
      pauses: [pause('2025-03-18', '2025-03-21', 'HEALTH')],
    });
    expect(result).toEqual({ deadline: '2025-03-22', baseDeadline: '2025-03-19', pausedDays: 3, ruleSet: 'DK-2024' });
  });

  it('handles long pause lists in any order', () => {
    // One-day pauses on every other day from clockStart: the first 15 of them fall on or before the moving deadline.
    const pauses = Array.from({ length: 100 }, (_, k) => {
      const from = new Date(Date.UTC(2025, 2, 3 + 2 * k)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2025, 2, 4 + 2 * k)).toISOString().slice(0, 10);
      return pause(from, to);
    });
    const expected = { deadline: '2025-04-01', baseDeadline: '2025-03-17', pausedDays: 15, ruleSet: 'DK-2024' };
    expect(computeDeadline({ phase: 'DIAGNOSTIC', clockStart, pauses })).toEqual(expected);
    expect(computeDeadline({ phase: 'DIAGNOSTIC', clockStart, pauses: pauses.slice(0, 20).reverse() })).toEqual(
      expected,
    );
    expect(computeDeadline({ phase: 'DIAGNOSTIC', clockStart, pauses: [...pauses].reverse() })).toEqual(expected);
  });

  it('does not reorder or change the caller’s pauses', () => {
    const pauses = [pause('2025-03-20', '2025-03-25'), pause('2025-03-10', '2025-03-15')];
    const copy = structuredClone(pauses);
    computeDeadline({ phase: 'DIAGNOSTIC', clockStart, pauses });
    expect(pauses).toEqual(copy);
  });
});

describe('computeDeadline: invalid input names the field', () => {
  const valid: DeadlineInput = { phase: 'DIAGNOSTIC', clockStart: '2025-03-03' };
  const withInput = (changes: Record<string, unknown>) => ({ ...valid, ...changes });

  it.each<[string, DeadlineInput, string]>([
    ['not a real date', withInput({ clockStart: '2025-02-30' }), 'clockStart'],
    ['bad date format', withInput({ clockStart: '03-03-2025' }), 'clockStart'],
    ['non-leap 29 February', withInput({ clockStart: '2100-02-29' }), 'clockStart'],
    ['missing clockStart', withInput({ clockStart: undefined }), 'clockStart'],
    ['unknown phase', withInput({ phase: 'SURGERY' }), 'phase'],
    ['missing phase', withInput({ phase: undefined }), 'phase'],
    ['phase in the wrong case', withInput({ phase: 'diagnostic' }), 'phase'],
    ['acceptance before clockStart', withInput({ patientAcceptedOn: '2025-03-02' }), 'patientAcceptedOn'],
    ['acceptance not a date', withInput({ patientAcceptedOn: '2025-03-32' }), 'patientAcceptedOn'],
    ['pauses not an array', withInput({ pauses: 'none' }), 'pauses'],
    ['a pause that is not an object', withInput({ pauses: [null] }), 'pauses[0]'],
    ['pause from not a date', withInput({ pauses: [pause('2025-02-29', '2025-03-05')] }), 'pauses[0].from'],
    ['pause to not a date', withInput({ pauses: [pause('2025-03-05', 'soon')] }), 'pauses[0].to'],
    [
      'pause to before from',
      withInput({ pauses: [pause('2025-03-05', '2025-03-06'), pause('2025-03-10', '2025-03-09')] }),
      'pauses[1].to',
    ],
    [
      'unknown pause reason',
      withInput({ pauses: [{ from: '2025-03-05', to: '2025-03-06', reason: 'HOLIDAY' }] }),
      'pauses[0].reason',
    ],
  ])('%s', (_, input, field) => {
    expect(() => computeDeadline(input)).toThrow(inputError(field));
  });

  it.each([[null], [undefined], ['DIAGNOSTIC']])('rejects input %p', (input) => {
    expect(() => computeDeadline(input as unknown as DeadlineInput)).toThrow(inputError('input'));
  });

  it('rejects a deadline that cannot be written as YYYY-MM-DD', () => {
    expect(() => computeDeadline({ phase: 'DIAGNOSTIC', clockStart: '9999-12-25' })).toThrow(inputError('clockStart'));
  });
});
