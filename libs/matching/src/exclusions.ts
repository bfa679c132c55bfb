import { hasProviderRules, PatientWishes, providerRuleExcluding } from '@app/pathways';
import { distanceTenths } from './allocation/geo';
import {
  AllocationInput,
  AllocationPathway,
  AllocationProvider,
  AllocationSlot,
  ProviderKind,
} from './allocation/types';

/**
 * The patient's wishes as hard constraints of the batch allocation, expressed only through the solver's input.
 * The solver knows per-pathway provider exclusions, not slot or date exclusions, so slots that some pathway must not
 * get (a slot it declined, a date it declined for TIMING, days before its notBefore) are moved into a "virtual"
 * provider of their own: same kind and coordinates, so distance and penalty (hence the optimum) are unchanged for
 * everybody else, and the pathways concerned simply exclude that virtual provider.
 */

export interface WishfulPathway extends AllocationPathway {
  wishes: PatientWishes;
  /** The pathway's own region (effective), for the PREFERS_OWN_HOSPITAL flag. */
  regionCode?: number;
}

export interface ProviderFacts extends AllocationProvider {
  country: string;
}

export interface ConstrainedInput {
  input: AllocationInput;
  /** Virtual provider id → the real provider id. */
  realProviderId: Map<string, string>;
}

const VIRTUAL = '#';

export function constrainAllocationInput(
  pathways: WishfulPathway[],
  slots: AllocationSlot[],
  providers: ProviderFacts[],
  kindPenalty?: Record<ProviderKind, number>,
): ConstrainedInput {
  const declined = new Set<string>();
  const timingDates = new Set<string>();
  const notBefores = new Set<string>();
  for (const p of pathways) {
    for (const id of p.wishes.declinedSlots.keys()) declined.add(id);
    for (const d of p.wishes.lastDates?.dates ?? []) timingDates.add(d);
    if (p.wishes.notBefore) notBefores.add(p.wishes.notBefore.date);
  }
  const byId = new Map(providers.map((p) => [p.id, p]));
  const realProviderId = new Map<string, string>();
  const virtualTags = new Map<string, string[]>();
  const outSlots: AllocationSlot[] = slots.map((s) => {
    const tags: string[] = [];
    if (declined.has(s.id)) tags.push(`s:${s.id}`);
    if (timingDates.has(s.date)) tags.push(`d:${s.date}`);
    for (const n of notBefores) if (s.date < n) tags.push(`nb:${n}`);
    const id = tags.length ? `${s.providerId}${VIRTUAL}${tags.sort().join('|')}` : s.providerId;
    realProviderId.set(id, s.providerId);
    virtualTags.set(id, tags);
    return { ...s, providerId: id };
  });
  const outProviders: AllocationProvider[] = [];
  for (const [id, real] of realProviderId) {
    const p = byId.get(real);
    if (p) outProviders.push({ id, kind: p.kind, lat: p.lat, lon: p.lon });
  }
  for (const p of providers) if (!realProviderId.has(p.id)) realProviderId.set(p.id, p.id);

  // Most pathways have no wish that excludes a provider or a slot; their exclusions are their own region's providers
  // (with every virtual copy), the same for every pathway of the region: computed once per list and shared, which
  // also keeps the message to the allocation thread small (structured clone sends a shared array once).
  const sharedByList = new Map<string[] | undefined, string[]>();
  const regionOnly = (list: string[] | undefined): string[] => {
    let out = sharedByList.get(list);
    if (!out) {
      const real = new Set(list ?? []);
      out = outProviders.filter((vp) => real.has(realProviderId.get(vp.id)!)).map((vp) => vp.id);
      sharedByList.set(list, out);
    }
    return out;
  };
  const outPathways: AllocationPathway[] = pathways.map((p) => {
    const providerRules = hasProviderRules(p.wishes);
    if (!providerRules && !hasSlotRules(p.wishes)) {
      return {
        id: p.id,
        deadline: p.deadline,
        lat: p.lat,
        lon: p.lon,
        excludedProviderIds: regionOnly(p.excludedProviderIds),
      };
    }
    const excludedReal = new Set(p.excludedProviderIds ?? []);
    // Per real provider once (its virtual copies share the verdict): pathways × providers, not × virtual providers.
    const forbidden = new Map<string, boolean>();
    const excluded: string[] = [];
    for (const vp of outProviders) {
      const real = byId.get(realProviderId.get(vp.id)!)!;
      let no = forbidden.get(real.id);
      if (no === undefined) {
        no = excludedReal.has(real.id) || (providerRules && forbidsProvider(p, real));
        forbidden.set(real.id, no);
      }
      const tags = virtualTags.get(vp.id);
      if (no || (tags?.length && forbidsTags(p.wishes, tags))) excluded.push(vp.id);
    }
    return { id: p.id, deadline: p.deadline, lat: p.lat, lon: p.lon, excludedProviderIds: excluded };
  });
  return { input: { pathways: outPathways, slots: outSlots, providers: outProviders, kindPenalty }, realProviderId };
}

/** Provider-level rules (abroad, private, distance) by the same rule as matchCandidates, on the solver's distance. */
function forbidsProvider(p: WishfulPathway, pr: ProviderFacts): boolean {
  const km = distanceTenths(p.lat, p.lon, pr.lat, pr.lon) / 10;
  return (
    providerRuleExcluding(p.wishes, { providerKind: pr.kind, providerCountry: pr.country, distanceKm: km }) !== null
  );
}

/** Whether any slot- or date-level wish applies (a declined slot, TIMING dates, notBefore): the tags of forbidsTags. */
function hasSlotRules(w: PatientWishes): boolean {
  return w.declinedSlots.size > 0 || (w.lastDates?.dates.length ?? 0) > 0 || !!w.notBefore;
}

function forbidsTags(w: PatientWishes, tags: string[]): boolean {
  for (const t of tags) {
    if (t.startsWith('s:') && w.declinedSlots.has(t.slice(2))) return true;
    if (t.startsWith('d:') && w.lastDates?.dates.includes(t.slice(2))) return true;
    if (t.startsWith('nb:') && w.notBefore?.date === t.slice(3)) return true;
  }
  return false;
}
