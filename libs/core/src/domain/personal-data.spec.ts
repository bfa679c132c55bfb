import fc from 'fast-check';
import { assertNoPersonalData, looksLikeCpr } from './personal-data';

const ARABIC_INDIC = (s: string) => s.replace(/\d/g, (d) => String.fromCodePoint(0x0660 + Number(d)));
const EXTENDED_ARABIC_INDIC = (s: string) => s.replace(/\d/g, (d) => String.fromCodePoint(0x06f0 + Number(d)));
const FULL_WIDTH = (s: string) => s.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));

describe('CPR guard', () => {
  it.each([
    '010203-1234',
    '0102031234',
    'ref 010203 1234',
    'x0102031234y',
    // The forms that slipped through before (issue #14, item 4).
    '010190 - 1234',
    '01.01.90-1234',
    '01 01 90 12 34',
    '010190/1234',
    '010190_1234',
    '010190\u20131234',
    '010190\u200B1234',
    '0101\u200B90-12\u200D34',
    ARABIC_INDIC('010190-1234'),
    EXTENDED_ARABIC_INDIC('0101901234'),
    FULL_WIDTH('010190-1234'),
    'Sag 2026 010190-1234',
    'note: 29.02.24 12-34',
  ])('rejects %s', (v) => {
    expect(looksLikeCpr(v)).toBe(true);
    expect(() => assertNoPersonalData({ reference: v })).toThrow(
      expect.objectContaining({ code: 'PERSONAL_DATA_REJECTED', field: 'reference' }),
    );
  });

  it.each([
    'RH-2026-000123',
    '12345',
    '123456789',
    '01020312345',
    'AUH/2026/77',
    '2026-01-15 10:30',
    '12 34 56 78 90',
    '3201901234',
    '0113901234',
    '300290-1234',
    'OUH 2026 0042 1234',
    'RH-202612-3456',
  ])('accepts %s (no valid DDMMYY or not ten digits)', (v) => {
    expect(looksLikeCpr(v)).toBe(false);
    expect(() => assertNoPersonalData({ reference: v, note: null })).not.toThrow();
  });

  const pad = (n: number) => String(n).padStart(2, '0');
  const validCpr = fc
    .record({
      y: fc.integer({ min: 0, max: 99 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      tail: fc.integer({ min: 0, max: 9999 }),
    })
    .map(({ y, m, d, tail }) => `${pad(d)}${pad(m)}${pad(y)}${String(tail).padStart(4, '0')}`);
  const separator = fc.constantFrom(
    '',
    '',
    ' ',
    '-',
    '.',
    '/',
    '_',
    '\u2013',
    '\u2014',
    ' - ',
    '\u200B',
    '\u00A0',
    '\u2060',
    ': ',
  );
  const script = fc.constantFrom((s: string) => s, ARABIC_INDIC, EXTENDED_ARABIC_INDIC, FULL_WIDTH);
  const words = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', 'æ', 'ø', ' ', ':'), maxLength: 8 });

  it('property: a valid CPR number is found whatever separators, digits or surrounding words are used', () => {
    fc.assert(
      fc.property(
        validCpr,
        fc.array(separator, { minLength: 9, maxLength: 9 }),
        script,
        words,
        words,
        (cpr, seps, toScript, before, after) => {
          // Separators between any of the ten digits (a missing separator joins two digits).
          const spread = [...cpr].map((d, i) => (i === 0 ? d : seps[i - 1] + d)).join('');
          const text = `${before}${before && /[a-zæø]$/i.test(before) ? ' ' : ''}${toScript(spread)} ${after}`;
          expect(looksLikeCpr(text)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: ten digits whose first six are no DDMMYY date are never a false alarm', () => {
    const notADate = fc
      .record({
        d: fc.integer({ min: 0, max: 99 }),
        m: fc.integer({ min: 0, max: 99 }),
        y: fc.integer({ min: 0, max: 99 }),
        tail: fc.integer({ min: 0, max: 9999 }),
      })
      .filter(({ d, m }) => m === 0 || m > 12 || d === 0 || d > 31)
      .map(({ y, m, d, tail }) => `${pad(d)}${pad(m)}${pad(y)}${String(tail).padStart(4, '0')}`);
    fc.assert(
      fc.property(notADate, separator, (digits, sep) => {
        expect(looksLikeCpr(`RH-${digits.slice(0, 6)}${sep}${digits.slice(6)}`)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('property: case numbers of letters and up to nine digits are accepted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2,4}-\d{1,9}$/), (ref) => expect(looksLikeCpr(ref)).toBe(false)),
      { numRuns: 300 },
    );
  });
});
