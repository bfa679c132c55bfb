import { DeadlineInputError, computeDeadline } from './index';

describe('DeadlineInputError', () => {
  it('is an Error carrying the field, a code and a message that names both field and value', () => {
    let caught: unknown;
    try {
      computeDeadline({ phase: 'DIAGNOSTIC', clockStart: '2025-02-30' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DeadlineInputError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as DeadlineInputError;
    expect(error.name).toBe('DeadlineInputError');
    expect(error.field).toBe('clockStart');
    expect(error.code).toBe('DEADLINE_INPUT_INVALID');
    expect(error.message).toBe("clockStart: '2025-02-30' is not a valid date in the format YYYY-MM-DD");
    expect(error.stack).toContain('DeadlineInputError');
  });
});
