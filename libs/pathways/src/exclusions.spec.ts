import { AnswerFact, dateDa, distanceBand, judge, patientWishes, PreferenceFacts } from './exclusions';

const NONE: PreferenceFacts = { maxTravelKm: null, acceptsAbroad: null, acceptsPrivate: null, notBefore: null };
const at = new Date('2026-12-02T10:00:00Z');
const decline = (reason: string, over: Partial<AnswerFact> = {}): AnswerFact => ({
  slotId: 's1',
  providerKind: 'FOREIGN',
  providerCountry: 'DE',
  slotDate: '2026-12-10',
  distanceKm: 210.4,
  answer: 'DECLINED',
  declineReason: reason,
  answeredAt: at,
  ...over,
});
const cand = (over: object = {}) => ({
  slotId: 's2',
  providerKind: 'PUBLIC',
  providerCountry: 'DK',
  distanceKm: 50,
  date: '2026-12-12',
  otherRegion: true,
  ...over,
});

describe("the patient's wishes as matching rules", () => {
  it('ABROAD, and LANGUAGE only at a foreign provider, exclude foreign providers; the sentence names the day', () => {
    const w = patientWishes(NONE, [decline('ABROAD')]);
    expect(w.noForeign?.why).toBe('Patienten afslog behandling i udlandet 2. dec. 2026');
    expect(judge(w, cand({ providerKind: 'FOREIGN', providerCountry: 'SE' })).excluded).toBe(w.noForeign);
    expect(judge(w, cand()).excluded).toBeNull();
    expect(patientWishes(NONE, [decline('LANGUAGE')]).noForeign).not.toBeNull();
    expect(
      patientWishes(NONE, [decline('LANGUAGE', { providerKind: 'PUBLIC', providerCountry: 'DK' })]).noForeign,
    ).toBeNull();
  });

  it('DISTANCE keeps only strictly nearer providers (the nearest declined one counts); maxTravelKm is inclusive', () => {
    const w = patientWishes({ ...NONE, maxTravelKm: 80 }, [
      decline('DISTANCE', { distanceKm: 120, providerKind: 'PUBLIC', providerCountry: 'DK' }),
      decline('DISTANCE', { slotId: 's3', distanceKm: 95.5, providerKind: 'PUBLIC', providerCountry: 'DK' }),
    ]);
    expect(w.nearerThanKm?.km).toBe(95.5);
    expect(judge(w, cand({ distanceKm: 80 })).excluded).toBeNull();
    expect(judge(w, cand({ distanceKm: 80.1 })).excluded?.why).toBe('Patienten ønsker højst 80 km transport');
    const only = patientWishes(NONE, [
      decline('DISTANCE', { distanceKm: 95.5, providerKind: 'PUBLIC', providerCountry: 'DK' }),
    ]);
    expect(judge(only, cand({ distanceKm: 95.5 })).excluded).toBe(only.nearerThanKm);
    expect(judge(only, cand({ distanceKm: 95.4 })).excluded).toBeNull();
  });

  it('overrides lift a rule and say so; a declined slot stays declined', () => {
    const w = patientWishes({ ...NONE, acceptsPrivate: false, notBefore: '2026-12-20' }, [decline('ABROAD')], {
      includeAbroad: true,
      includePrivate: true,
    });
    expect(w.noForeign).toBeNull();
    expect(w.noPrivate).toBeNull();
    expect(w.lifted.map((l) => l.override)).toEqual(['includeAbroad', 'includePrivate']);
    expect(w.declinedSlots.get('s1')).toBe('2026-12-02');
    expect(judge(w, cand({ date: '2026-12-19' })).excluded?.why).toBe(`Patienten kan tidligst ${dateDa('2026-12-20')}`);
  });

  it('TIMING, PREFERS_OWN_HOSPITAL and HEALTH flag rather than exclude', () => {
    const w = patientWishes(NONE, [
      decline('TIMING'),
      decline('PREFERS_OWN_HOSPITAL', { slotId: 's4' }),
      decline('HEALTH', { slotId: 's5' }),
    ]);
    const v = judge(w, cand({ date: '2026-12-10' }));
    expect(v.excluded).toBeNull();
    expect(v.notes.join(' | ')).toContain('Rangeret sidst: Patienten afslog tiden 10. dec. 2026');
    expect(v.notes.join(' | ')).toContain('OBS: Patienten foretrækker eget sygehus (afslag 2. dec. 2026)');
    expect(v.notes.join(' | ')).toContain('overvej at registrere en pause (recordPause)');
    expect(judge(w, cand({ otherRegion: false })).notes.join(' ')).not.toContain('foretrækker');
  });

  it('distance bands are half-open and abroad by country', () => {
    expect([0, 24.9, 25, 50, 99.9, 100, 200].map((km) => distanceBand('DK', km))).toEqual([
      '0-25',
      '0-25',
      '25-50',
      '50-100',
      '50-100',
      '100-200',
      '200+',
    ]);
    expect(distanceBand('DE', 10)).toBe('ABROAD');
  });
});
