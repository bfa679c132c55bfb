import { parseInstant } from './date-time.scalar';

describe('DateTime scalar (strict instants)', () => {
  it.each([
    '2027-06-01T10:00:00Z',
    '2027-06-01T10:00Z',
    '2027-06-01T12:00:00+02:00',
    '2027-06-01T10:00:00.123Z',
    '2028-02-29T23:59:59-01:00',
  ])('accepts %s', (v) => {
    expect(parseInstant(v).getTime()).toBe(new Date(v).getTime());
  });

  it.each([
    '2027-02-30T10:00:00Z', // impossible date: new Date() would make it 2027-03-02
    '2027-06-01T10:00:00', // no offset: would be read as server-local time
    '2027-06-01',
    '2027-06-01T24:00:00Z',
    '2027-06-01T10:60:00Z',
    '2027-13-01T10:00:00Z',
    '2027-02-29T10:00:00Z',
    'tomorrow',
    '',
    1780000000000,
    null,
  ])('rejects %p with BAD_USER_INPUT', (v) => {
    expect(() => parseInstant(v)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
});
