import { assertNoPersonalData, looksLikeCpr } from './personal-data';

describe('CPR guard', () => {
  it.each(['010203-1234', '0102031234', 'ref 010203 1234', 'x0102031234y'])('rejects %s', (v) => {
    expect(looksLikeCpr(v)).toBe(true);
    expect(() => assertNoPersonalData({ reference: v })).toThrow(expect.objectContaining({ code: 'PERSONAL_DATA_REJECTED', field: 'reference' }));
  });
  it.each(['RH-2026-000123', '12345', '123456789', '01020312345', 'AUH/2026/77'])('accepts %s', (v) => {
    expect(looksLikeCpr(v)).toBe(false);
    expect(() => assertNoPersonalData({ reference: v, note: null })).not.toThrow();
  });
});
