import { csvCell } from './csv';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [0.25, '0.25'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+45 1234', "'+45 1234"],
    ['@cmd', "'@cmd"],
    [-5, '-5'],
    ['-5', '-5'],
    [null, ''],
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
  ])('%j → %s', (input, out) => expect(csvCell(input)).toBe(out));
});
