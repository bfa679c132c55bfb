import { type Outcome, type OutcomeInput, type Pause, classifyOutcome } from './index';

const inputError = (field: string) => expect.objectContaining({ name: 'DeadlineInputError', field });

const patientChoice: Pause = { from: '2025-03-05', to: '2025-03-08', reason: 'PATIENT_CHOICE' };
const health: Pause = { from: '2025-03-10', to: '2025-03-12', reason: 'HEALTH' };
const deadline = '2025-03-17';

describe('classifyOutcome', () => {
  it.each<[string, Omit<OutcomeInput, 'deadline'>, Outcome]>([
    ['treated before the deadline', { treatedOn: '2025-03-10' }, 'WITHIN_DEADLINE'],
    ['treated on the deadline', { treatedOn: '2025-03-17' }, 'WITHIN_DEADLINE'],
    [
      'within the deadline wins over everything else',
      { treatedOn: '2025-03-17', pauses: [patientChoice, health], offerDates: ['2025-03-01'] },
      'WITHIN_DEADLINE',
    ],
    [
      'late with a patient-choice pause',
      { treatedOn: '2025-03-18', pauses: [patientChoice] },
      'EXCEEDED_PATIENT_CHOICE',
    ],
    [
      'patient choice wins over health and offers',
      { treatedOn: '2025-03-18', pauses: [health, patientChoice], offerDates: ['2025-03-10'] },
      'EXCEEDED_PATIENT_CHOICE',
    ],
    ['late with a health pause', { treatedOn: '2025-03-18', pauses: [health] }, 'EXCEEDED_HEALTH'],
    [
      'health wins over offers',
      { treatedOn: '2025-03-18', pauses: [health], offerDates: ['2025-03-10'] },
      'EXCEEDED_HEALTH',
    ],
    [
      'late although capacity was offered before the deadline',
      { treatedOn: '2025-04-01', offerDates: ['2025-03-20', '2025-03-12'] },
      'EXCEEDED_CAPACITY_OFFERED',
    ],
    [
      'an offer on the deadline day counts',
      { treatedOn: '2025-04-01', pauses: [], offerDates: ['2025-03-17'] },
      'EXCEEDED_CAPACITY_OFFERED',
    ],
    [
      'an offer after the deadline does not count',
      { treatedOn: '2025-04-01', offerDates: ['2025-03-18'] },
      'RULES_NOT_KEPT',
    ],
    ['late with nothing recorded', { treatedOn: '2025-03-18' }, 'RULES_NOT_KEPT'],
    ['late with empty lists', { treatedOn: '2025-03-18', pauses: [], offerDates: [] }, 'RULES_NOT_KEPT'],
  ])('%s', (_, input, outcome) => {
    expect(classifyOutcome({ deadline, ...input })).toBe(outcome);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['deadline not a date', { deadline: '2025-02-30', treatedOn: '2025-03-01' }, 'deadline'],
    ['treatedOn not a date', { deadline, treatedOn: '17/03/2025' }, 'treatedOn'],
    ['offer date not a date', { deadline, treatedOn: '2025-03-01', offerDates: ['2025-03-01', 'x'] }, 'offerDates[1]'],
    ['offerDates not an array', { deadline, treatedOn: '2025-03-01', offerDates: '2025-03-01' }, 'offerDates'],
    [
      'pause reason unknown',
      { deadline, treatedOn: '2025-03-01', pauses: [{ from: '2025-03-01', to: '2025-03-02', reason: 'OTHER' }] },
      'pauses[0].reason',
    ],
    [
      'pause to before from',
      { deadline, treatedOn: '2025-03-01', pauses: [{ ...health, to: '2025-03-01' }] },
      'pauses[0].to',
    ],
  ])('rejects %s', (_, input, field) => {
    expect(() => classifyOutcome(input as unknown as OutcomeInput)).toThrow(inputError(field));
  });

  it('rejects a missing input', () => {
    expect(() => classifyOutcome(undefined as unknown as OutcomeInput)).toThrow(inputError('input'));
  });
});
