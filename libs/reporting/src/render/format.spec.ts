import { escapeHtml, formatDateDa, formatMonthDa, formatNumber, formatShare, monthNameShortDa } from './format';

describe('Danish report formatting', () => {
  it('numbers: thousands with ".", decimals with ",", fixed digits', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(-4321)).toBe('-4.321');
    expect(formatNumber(19.25, 1)).toBe('19,3');
    expect(formatNumber(5, 1)).toBe('5,0');
    expect(formatNumber(-0.01, 1)).toBe('0,0');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('shares as percentages with one decimal', () => {
    expect(formatShare(0.75)).toBe('75,0 %');
    expect(formatShare(0.2222)).toBe('22,2 %');
    expect(formatShare(1)).toBe('100,0 %');
    expect(formatShare(null)).toBe('–');
  });

  it('dates and months in Danish', () => {
    expect(formatDateDa('2031-01-01')).toBe('1. januar 2031');
    expect(formatDateDa('2031-12-31')).toBe('31. december 2031');
    expect(formatMonthDa('2031-03')).toBe('mar. 2031');
    expect(formatMonthDa('2031-05', false)).toBe('maj 2031');
    expect(monthNameShortDa('2031-12')).toBe('dec.');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });
});
