import { addDays, todayInCopenhagen } from '@app/deadline';
import { judge, patientWishes, PreferenceFacts } from '@app/pathways';
import { bootApp, TestApp } from './support/harness';

/**
 * The patient's wishes exist twice: as `judge` (libs/pathways exclusions.ts, used by the allocation, createOffer and
 * the "excluded in time" explanation) and as SQL conditions in the ranked candidate query (matchCandidates, via
 * reference's providersNearSql and capacity's slot builder). This parity test pins the twins to the same decisions on
 * generated preferences: for each pathway, the candidates without overrides must be exactly the candidates with every
 * rule lifted that `judge` does not exclude.
 */
const PLANNER_H = 'planner.hovedstaden@demo.dk';
const AREA = 'URINARY';
const MODALITY = 'SURGERY';
const today = todayInCopenhagen();
const ALL_LIFTED = { includeAbroad: true, includePrivate: true, includeFarther: true, includeBeforeNotBefore: true };
const CANDIDATES = `query($id: ID!, $o: WishOverridesInput) { matchCandidates(pathwayId: $id, limit: 100, overrides: $o) {
  slotId date distanceKm providerKind provider { country } } }`;

/** Deterministic generator (mulberry32), so a failure can be reproduced from the seed in its message. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('patient wishes: the candidate SQL and judge() decide alike (parity on generated preferences)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ worker: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('40 generated pathways: candidates without overrides = lifted candidates that judge() keeps', async () => {
    // Slots at public, private and foreign providers across Denmark and abroad, over three weeks.
    const keys = [
      'rsj-suh-roskilde',
      'rsd-odense-universitetshospital',
      'rm-aarhus-universitetshospital',
      'rn-aalborg-universitetshospital',
      'priv-aleris-aarhus',
      'de-uksh-kiel',
    ];
    const mine = new Set<string>();
    for (const [i, key] of keys.entries())
      for (const d of [3, 8, 14, 20])
        mine.add(await app.insertSlot(key, { date: addDays(today, d + (i % 2)) }, AREA, MODALITY));
    const municipalities: number[] = (
      await app.db.query(`SELECT code FROM municipality WHERE region_code = 1084 ORDER BY code LIMIT 8`)
    ).map((r: { code: number }) => Number(r.code));
    expect(municipalities.length).toBeGreaterThan(3);

    const seed = 20261201;
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const kinds = new Set<string>();
    let excludedSomething = 0;
    for (let n = 0; n < 40; n++) {
      const prefs: PreferenceFacts = {
        maxTravelKm: pick([null, 20, 60, 120, 180, 250, 400]),
        acceptsAbroad: pick([null, false, true]),
        acceptsPrivate: pick([null, false, true]),
        notBefore: pick([null, null, addDays(today, 5), addDays(today, 12)]),
      };
      const p = await app.registerPathway(PLANNER_H, {
        homeMunicipalityCode: pick(municipalities),
        cancerArea: AREA,
        phase: 'PRIMARY_TREATMENT',
        modality: MODALITY,
        ...prefs,
      });
      const ask = async (o?: object) =>
        ((await app.ok<any>(CANDIDATES, { id: p.id, o }, PLANNER_H)).matchCandidates as any[]).filter((c) =>
          mine.has(c.slotId),
        );
      const lifted = await ask(ALL_LIFTED);
      const wishes = patientWishes(prefs, []);
      const kept = lifted.filter((c) => {
        // A distance within rounding (0.05 km) of the limit could fall either way; none of the limits above is that close.
        if (prefs.maxTravelKm !== null) expect(Math.abs(c.distanceKm - prefs.maxTravelKm)).toBeGreaterThan(0.05);
        return (
          judge(wishes, {
            slotId: c.slotId,
            providerKind: c.providerKind,
            providerCountry: c.provider.country,
            distanceKm: c.distanceKm,
            date: c.date,
            otherRegion: true,
          }).excluded === null
        );
      });
      const constrained = await ask();
      const ids = (xs: any[]) => xs.map((c) => c.slotId as string).sort();
      expect({ seed, n, prefs, slots: ids(constrained) }).toEqual({ seed, n, prefs, slots: ids(kept) });
      if (kept.length < lifted.length) excludedSomething++;
      for (const c of lifted) kinds.add(c.providerKind);
    }
    // The generated cases exercised the rules: every provider kind was a candidate, and most cases excluded something.
    expect([...kinds].sort()).toEqual(['FOREIGN', 'PRIVATE', 'PUBLIC']);
    expect(excludedSomething).toBeGreaterThan(20);
  }, 120_000);
});
