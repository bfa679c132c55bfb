import { computeDeadline } from './index';
import { DEFAULT_RULE_SET, RULE_SETS, type RuleSet, getRuleSet, ruleSetFor } from './rules';

const inputError = (field: string) => expect.objectContaining({ name: 'DeadlineInputError', field });

describe('rule sets as data', () => {
  it('DK-2024 is the default and holds the statutory numbers', () => {
    expect(DEFAULT_RULE_SET).toBe('DK-2024');
    const rules = getRuleSet(DEFAULT_RULE_SET);
    expect(rules.phases).toEqual({
      DIAGNOSTIC: { daysFromClockStart: 14 },
      PRIMARY_TREATMENT: { daysFromClockStart: 28, acceptance: { days: 14, combine: 'EARLIER' } },
      ADJUVANT_TREATMENT: { daysFromClockStart: 14, acceptance: { days: 14, combine: 'LATER' } },
    });
    expect(rules.informationWorkingDays).toBe(8);
  });

  it('every rule set has a unique id and a valid validFrom', () => {
    const ids = RULE_SETS.map((ruleSet) => ruleSet.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ruleSet of RULE_SETS) expect(ruleSet.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(RULE_SETS)).toBe(true);
    expect(Object.isFrozen(RULE_SETS[0].phases.DIAGNOSTIC)).toBe(true);
    expect(() => {
      (RULE_SETS[0].phases.DIAGNOSTIC as { daysFromClockStart: number }).daysFromClockStart = 1;
    }).toThrow(TypeError);
  });

  it('picks DK-2024 for today and for historical dates', () => {
    expect(ruleSetFor('2025-06-01').id).toBe('DK-2024');
    expect(ruleSetFor('1990-01-01').id).toBe('DK-2024');
  });

  it('errors name the field', () => {
    expect(() => getRuleSet('DK-1999')).toThrow(inputError('ruleSet'));
    expect(() => ruleSetFor('2025-02-30')).toThrow(inputError('date'));
  });

  describe('a later rule change is a new entry, chosen by clockStart', () => {
    const future: RuleSet = {
      ...RULE_SETS[0],
      id: 'DK-2030',
      validFrom: '2030-01-01',
      phases: { ...RULE_SETS[0].phases, DIAGNOSTIC: { daysFromClockStart: 10 } },
      informationWorkingDays: 5,
    };
    // Deliberately out of order: selection must go by validFrom, not by position.
    const ruleSets = [future, ...RULE_SETS];

    it.each([
      ['2029-12-31', 'DK-2024', '2030-01-14'],
      ['2030-01-01', 'DK-2030', '2030-01-11'],
      ['2031-05-05', 'DK-2030', '2031-05-15'],
    ])('clockStart %s → %s, deadline %s', (clockStart, id, deadline) => {
      expect(ruleSetFor(clockStart, ruleSets).id).toBe(id);
      expect(computeDeadline({ phase: 'DIAGNOSTIC', clockStart }, ruleSets)).toMatchObject({ ruleSet: id, deadline });
    });

    it('a clockStart before every rule set has no deadline', () => {
      expect(() => computeDeadline({ phase: 'DIAGNOSTIC', clockStart: '2029-12-31' }, [future])).toThrow(
        inputError('clockStart'),
      );
    });
  });
});
