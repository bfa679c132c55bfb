import { classifyOutcome, type Outcome, type OutcomeInput } from '@app/deadline';
import { OUTCOME_DA, OUTCOME_ORDER } from '../labels';
import { COMPILE_STEPS } from '../report-compiler.service';
import { figureByKey, SECTIONS } from './registry';
import { groupingSets, sectionSql, sourceRowsSql } from './sql';

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
      'slots.published',
      'slots.booked',
      'slots.withdrawn',
      'slots.expired',
      'slots.share_used_by_other_regions',
      'offers.made',
      'offers.accepted',
      'offers.declined',
      'offers.expired',
      'offers.withdrawn',
      'declines.by_reason',
      'abroad.made',
      'abroad.accepted',
      'abroad.declined',
      'abroad.declined_by_reason',
      'time_to_offer.median_days',
      'time_to_offer.p90_days',
      'at_risk.pathways',
      'outcome.in_time',
      'outcome.late',
      'days_gained.total',
      'early_warnings.raised',
      'meetings.decisions',
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
      [],
      ['cancer_area'],
      ['region'],
      ['provider_kind'],
      ['month'],
      ['cancer_area', 'region', 'provider_kind'],
      ['cancer_area', 'region', 'provider_kind', 'month'],
    ]);
    const meetings = SECTIONS.find((s) => s.key === 'meetings')!;
    expect(groupingSets(meetings)).toEqual([
      ['category'],
      ['cancer_area', 'category'],
      ['region', 'category'],
      ['month', 'category'],
      ['cancer_area', 'region', 'category'],
      ['cancer_area', 'region', 'month', 'category'],
    ]);
  });

  it('builds one aggregate statement per section: region map, source, GROUPING SETS, a column per figure', () => {
    const abroad = SECTIONS.find((s) => s.key === 'abroad')!;
    const sql = sectionSql(abroad);
    expect(sql).toMatch(/^WITH region_on AS MATERIALIZED/);
    expect(sql).toContain(abroad.source);
    expect(sql).toContain(`'FOREIGN'::text AS d_provider_kind`);
    expect(sql).toContain(
      'GROUP BY GROUPING SETS ((), (cancer_area), (region), (month), (cancer_area, region), (cancer_area, region, month))',
    );
    abroad.figures.forEach((f, i) => expect(sql).toContain(`${f.sql} AS f${i}`));
  });

  describe("SST's outcome categories of finished pathways", () => {
    const section = SECTIONS.find((s) => s.key === 'sst_outcome')!;

    it('one figure group by cancer area × region × outcome, with totals over the outcome', () => {
      expect(section.dims).toEqual(['cancerArea', 'region']);
      expect(section.category).toEqual({ label: 'Udfald', kind: 'outcome', totals: true });
      expect(section.title).toBe("Udfald for afsluttede forløb (SST's kategorier)");
      expect(section.figures.map((f) => f.key)).toEqual(['sst_outcome.pathways']);
      expect(groupingSets(section)).toEqual([
        ['category'],
        [],
        ['cancer_area', 'category'],
        ['cancer_area'],
        ['region', 'category'],
        ['region'],
        ['cancer_area', 'region', 'category'],
        ['cancer_area', 'region'],
      ]);
      const sql = sectionSql(section);
      expect(sql).toContain("'ALL'::text AS d_provider_kind");
      expect(sql).toContain("coalesce(category, '') AS d_category");
      expect(sourceRowsSql(section)).toMatch(/^WITH region_on AS MATERIALIZED[\s\S]*SELECT \* FROM src$/);
    });

    it('counts TREATED pathways by treatment date in the period, region valid on that date, in SQL', () => {
      expect(section.source).toContain("p.status = 'TREATED' AND p.treated_on >= $1 AND p.treated_on < $2");
      expect(section.source).toContain('ro.on_date = p.treated_on');
      expect(section.figures[0].sql).toBe('count(*)');
      for (const name of Object.values(OUTCOME_DA)) expect(section.figures[0].definition).toContain(`"${name}"`);
    });

    it("the SQL CASE tests the categories in classifyOutcome's order of precedence (first match wins)", () => {
      // Start from a late pathway that meets every condition and drop them one at a time, strongest first:
      // classifyOutcome's answers, in turn, are its order of precedence.
      const late: OutcomeInput = {
        deadline: '2031-03-01',
        treatedOn: '2031-03-10',
        pauses: [
          { from: '2031-01-10', to: '2031-01-12', reason: 'PATIENT_CHOICE' },
          { from: '2031-01-20', to: '2031-01-22', reason: 'HEALTH' },
        ],
        offerDates: ['2031-03-01'],
      };
      const steps: OutcomeInput[] = [
        { ...late, treatedOn: late.deadline },
        late,
        { ...late, pauses: late.pauses!.filter((p) => p.reason !== 'PATIENT_CHOICE') },
        { ...late, pauses: [] },
        { ...late, pauses: [], offerDates: ['2031-03-02'] },
      ];
      const precedence: Outcome[] = steps.map((input) => classifyOutcome(input));
      expect(precedence).toEqual([...OUTCOME_ORDER]);
      const branches = [...section.source.matchAll(/(?:THEN|ELSE) '([A-Z_]+)'/g)].map((m) => m[1]);
      expect(branches).toEqual(precedence);
    });

    it('Danish names for every category', () => {
      expect(OUTCOME_ORDER.map((o) => OUTCOME_DA[o])).toEqual([
        'Inden for fristen',
        'Overskredet – patientens eget valg',
        'Overskredet – helbredsmæssige årsager',
        'Overskredet – tilbud om alternativ givet',
        'Regler ikke overholdt',
      ]);
    });
  });
});
