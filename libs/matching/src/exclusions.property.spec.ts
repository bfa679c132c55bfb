import { patientWishes } from '@app/pathways';
import fc from 'fast-check';
import { allocate } from './allocation/allocate';
import { distanceTenths } from './allocation/geo';
import { ProviderKind } from './allocation/types';
import { constrainAllocationInput, ProviderFacts, WishfulPathway } from './exclusions';

const DATES = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-08'];
const REASONS = ['ABROAD', 'DISTANCE', 'TIMING', 'HEALTH', 'PREFERS_OWN_HOSPITAL', 'LANGUAGE', 'OTHER'];
const KINDS: ProviderKind[] = ['PUBLIC', 'PRIVATE', 'FOREIGN'];

const world = fc.record({
  providers: fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      lat: fc.double({ min: 54.5, max: 57.5, noNaN: true }),
      lon: fc.double({ min: 8, max: 13, noNaN: true }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  slots: fc.array(fc.record({ provider: fc.nat(), date: fc.constantFrom(...DATES) }), { minLength: 1, maxLength: 14 }),
  pathways: fc.array(
    fc.record({
      deadline: fc.constantFrom(...DATES),
      lat: fc.double({ min: 54.5, max: 57.5, noNaN: true }),
      lon: fc.double({ min: 8, max: 13, noNaN: true }),
      declines: fc.array(fc.record({ slot: fc.nat(), reason: fc.constantFrom(...REASONS) }), { maxLength: 3 }),
      maxTravelKm: fc.option(fc.integer({ min: 20, max: 400 }), { nil: null }),
      acceptsAbroad: fc.option(fc.boolean(), { nil: null }),
      acceptsPrivate: fc.option(fc.boolean(), { nil: null }),
      notBefore: fc.option(fc.constantFrom(...DATES), { nil: null }),
      // Which of two shared "own region" lists the pathway excludes (as proposeAllocation passes them), if any.
      region: fc.constantFrom(0, 1, null),
      // Half the pathways have no wishes at all, as most have in real data (their exclusions take a shortcut).
      plain: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

describe("allocation with the patients' wishes (property)", () => {
  it('no proposal ever contains a slot its pathway declined, nor one a hard rule excludes', () => {
    fc.assert(
      fc.property(world, (w) => {
        const providers: ProviderFacts[] = w.providers.map((p, i) => ({
          id: `p${i}`,
          kind: p.kind,
          lat: p.lat,
          lon: p.lon,
          country: p.kind === 'FOREIGN' ? 'DE' : 'DK',
        }));
        const slots = w.slots.map((s, i) => ({
          id: `s${String(i).padStart(2, '0')}`,
          providerId: providers[s.provider % providers.length].id,
          date: s.date,
        }));
        const ownRegion = [providers.filter((_, k) => k % 2 === 0).map((x) => x.id), [providers[0].id]];
        const pathways: WishfulPathway[] = w.pathways.map((generated, i) => {
          const p = generated.plain
            ? {
                ...generated,
                declines: [],
                maxTravelKm: null,
                acceptsAbroad: null,
                acceptsPrivate: null,
                notBefore: null,
              }
            : generated;
          const answers = p.declines.map((d, k) => {
            const s = slots[d.slot % slots.length];
            const pr = providers.find((x) => x.id === s.providerId)!;
            return {
              slotId: s.id,
              providerKind: pr.kind,
              providerCountry: pr.country,
              slotDate: s.date,
              distanceKm: distanceTenths(p.lat, p.lon, pr.lat, pr.lon) / 10,
              answer: 'DECLINED' as const,
              declineReason: d.reason,
              answeredAt: new Date(Date.UTC(2027, 1, 1 + k)),
            };
          });
          return {
            id: `w${i}`,
            deadline: p.deadline,
            lat: p.lat,
            lon: p.lon,
            excludedProviderIds: p.region === null ? undefined : ownRegion[p.region],
            wishes: patientWishes(p, answers),
          };
        });
        const c = constrainAllocationInput(pathways, slots, providers);
        // Each pathway excludes exactly the (virtual) providers holding a slot it must not get: the oracle asks every
        // slot of every provider directly.
        for (const [i, p] of pathways.entries()) {
          const slotsOf = (vp: string) => c.input.slots.filter((s) => s.providerId === vp);
          const mustNot = (s: { id: string; providerId: string; date: string }) => {
            const pr = providers.find((x) => x.id === c.realProviderId.get(s.providerId))!;
            const km = distanceTenths(p.lat, p.lon, pr.lat, pr.lon) / 10;
            return (
              (p.excludedProviderIds ?? []).includes(pr.id) ||
              p.wishes.declinedSlots.has(s.id) ||
              (p.wishes.noForeign !== null && pr.kind === 'FOREIGN') ||
              (p.wishes.noPrivate !== null && pr.kind === 'PRIVATE') ||
              (p.wishes.nearerThanKm !== null && km >= p.wishes.nearerThanKm.km) ||
              (p.wishes.maxKm !== null && km > p.wishes.maxKm.km) ||
              (p.wishes.notBefore !== null && s.date < p.wishes.notBefore.date) ||
              (p.wishes.lastDates?.dates.includes(s.date) ?? false)
            );
          };
          const expected = c.input.providers.filter((vp) => slotsOf(vp.id).some(mustNot)).map((vp) => vp.id);
          expect([...(c.input.pathways[i].excludedProviderIds ?? [])].sort()).toEqual(expected.sort());
        }
        const result = allocate(c.input);
        const slotById = new Map(slots.map((s) => [s.id, s]));
        for (const a of result.assignments) {
          const p = pathways.find((x) => x.id === a.pathwayId)!;
          const s = slotById.get(a.slotId)!;
          const real = c.realProviderId.get(a.providerId)!;
          expect(real).toBe(s.providerId);
          const pr = providers.find((x) => x.id === real)!;
          const km = distanceTenths(p.lat, p.lon, pr.lat, pr.lon) / 10;
          expect(p.wishes.declinedSlots.has(s.id)).toBe(false);
          if (p.wishes.noForeign) expect(pr.kind).not.toBe('FOREIGN');
          if (p.wishes.noPrivate) expect(pr.kind).not.toBe('PRIVATE');
          if (p.wishes.nearerThanKm) expect(km).toBeLessThan(p.wishes.nearerThanKm.km);
          if (p.wishes.maxKm) expect(km).toBeLessThanOrEqual(p.wishes.maxKm.km);
          if (p.wishes.notBefore) expect(s.date >= p.wishes.notBefore.date).toBe(true);
          if (p.wishes.lastDates) expect(p.wishes.lastDates.dates).not.toContain(s.date);
          expect(p.excludedProviderIds ?? []).not.toContain(real);
        }
        // Splitting providers changes nothing for pathways without wishes: each slot is used at most once.
        expect(new Set(result.assignments.map((a) => a.slotId)).size).toBe(result.assignments.length);
      }),
      { numRuns: 300 },
    );
  });
});
