import { COMPILE_STEPS } from '../report-compiler.service';
import { figureByKey, SECTIONS } from './registry';
import { groupingSets, sectionSql } from './sql';

describe('figure registry', () => {
  const figures = SECTIONS.flatMap((s) => s.figures);

  it('every figure is defined once, with a Danish label, a definition and SQL', () => {
    const keys = figures.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of figures) {
      expect(f.label.length).toBeGreaterThan(3);
      expect(f.definition.length).toBeGreaterThan(20);
      expect(f.sql.trim()).not.toBe('');
      expect(figureByKey(f.key).figure).toBe(f);
    }
    expect(() => figureByKey('no.such')).toThrow(/Unknown report figure/);
  });

  it('covers the figures issue #9 asks for', () => {
    for (const key of [
      'slots.published', 'slots.booked', 'slots.withdrawn', 'slots.expired', 'slots.share_used_by_other_regions',
      'offers.made', 'offers.accepted', 'offers.declined', 'offers.expired', 'offers.withdrawn', 'declines.by_reason',
      'abroad.made', 'abroad.accepted', 'abroad.declined', 'abroad.declined_by_reason',
      'time_to_offer.median_days', 'time_to_offer.p90_days', 'at_risk.pathways', 'outcome.in_time', 'outcome.late',
      'days_gained.total', 'early_warnings.raised', 'meetings.decisions',
    ]) {
      expect(figures.map((f) => f.key)).toContain(key);
    }
  });

  it('progress moves by less than 10 % per step', () => {
    expect(COMPILE_STEPS).toBe(SECTIONS.length + 1);
    expect(100 / COMPILE_STEPS).toBeLessThanOrEqual(10);
  });

  it('groups each section over its own dimensions, always by its category, without duplicate sets', () => {
    const slots = SECTIONS.find((s) => s.key === 'slots')!;
    expect(groupingSets(slots)).toEqual([
      [], ['cancer_area'], ['region'], ['provider_kind'], ['month'],
      ['cancer_area', 'region', 'provider_kind'], ['cancer_area', 'region', 'provider_kind', 'month'],
    ]);
    const meetings = SECTIONS.find((s) => s.key === 'meetings')!;
    expect(groupingSets(meetings)).toEqual([
      ['category'], ['cancer_area', 'category'], ['region', 'category'], ['month', 'category'],
      ['cancer_area', 'region', 'category'], ['cancer_area', 'region', 'month', 'category'],
    ]);
  });

  it('builds one aggregate statement per section: region map, source, GROUPING SETS, a column per figure', () => {
    const abroad = SECTIONS.find((s) => s.key === 'abroad')!;
    const sql = sectionSql(abroad);
    expect(sql).toMatch(/^WITH region_on AS MATERIALIZED/);
    expect(sql).toContain(abroad.source);
    expect(sql).toContain(`'FOREIGN'::text AS d_provider_kind`);
    expect(sql).toContain('GROUP BY GROUPING SETS ((), (cancer_area), (region), (month), (cancer_area, region), (cancer_area, region, month))');
    abroad.figures.forEach((f, i) => expect(sql).toContain(`${f.sql} AS f${i}`));
  });
});
