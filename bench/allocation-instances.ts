import type {
  AllocationInput,
  AllocationPathway,
  AllocationProvider,
  AllocationSlot,
  ProviderKind,
} from '../libs/matching/src/allocation';
import { prng } from './util';

/*
 * Instance classes of issue #20 (national scale): providers spread over Denmark in 5 regions, slots on weekdays
 * over a window of `days` calendar days, pathways that may not use their own region's providers and whose
 * deadlines fall in [deadlineFrom, deadlineTo) days relative to the window's first day.
 */

export interface InstanceClass {
  key: string;
  label: string;
  pathways: number;
  slots: number;
  providers: number;
  days: number;
  deadlineFrom: number;
  deadlineTo: number;
}

const REGIONS = 5;
const START = Date.UTC(2025, 8, 1); // a Monday
const isoDay = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

export function makeClassInstance(c: Omit<InstanceClass, 'key' | 'label'>, seed = 7): AllocationInput {
  const rnd = prng(seed);
  const lat = () => 54.5 + rnd() * 3.2;
  const lon = () => 8 + rnd() * 4.7;
  const kinds: ProviderKind[] = ['PUBLIC', 'PUBLIC', 'PUBLIC', 'PUBLIC', 'PRIVATE', 'PRIVATE', 'FOREIGN'];
  const providers: AllocationProvider[] = Array.from({ length: c.providers }, (_, i) => ({
    id: `prov-${String(i).padStart(3, '0')}`,
    kind: kinds[Math.floor(rnd() * kinds.length)],
    lat: lat(),
    lon: lon(),
  }));
  const weekdays: number[] = [];
  for (let d = 0; d < c.days; d++) if (d % 7 < 5) weekdays.push(d);
  const slots: AllocationSlot[] = Array.from({ length: c.slots }, (_, i) => ({
    id: `slot-${String(i).padStart(6, '0')}`,
    providerId: providers[Math.floor(rnd() * c.providers)].id,
    date: isoDay(weekdays[Math.floor(rnd() * weekdays.length)]),
  }));
  const pathways: AllocationPathway[] = Array.from({ length: c.pathways }, (_, i) => {
    const region = Math.floor(rnd() * REGIONS);
    return {
      id: `pw-${String(i).padStart(6, '0')}`,
      deadline: isoDay(c.deadlineFrom + Math.floor(rnd() * (c.deadlineTo - c.deadlineFrom))),
      lat: lat(),
      lon: lon(),
      excludedProviderIds: providers.filter((_, j) => j % REGIONS === region).map((p) => p.id),
    };
  });
  return { pathways, slots, providers };
}

const cls = (
  key: string,
  label: string,
  pathways: number,
  slots: number,
  days: number,
  deadlineFrom: number,
  deadlineTo: number,
): InstanceClass => ({
  key,
  label,
  pathways,
  slots,
  providers: 80,
  days,
  deadlineFrom,
  deadlineTo,
});

/** The table of issue #20, in its order. */
export const CLASSES: InstanceClass[] = [
  cls('base-500', 'mixed, 45 days', 500, 1250, 45, -7, 52),
  cls('base-2000', 'mixed, 45 days', 2000, 5000, 45, -7, 52),
  cls('base-4000', 'mixed, 45 days', 4000, 10000, 45, -7, 52),
  cls('late-2000', 'm = n, 90 days, many late', 2000, 2000, 90, -30, 45),
  cls('late-4000', 'm = n, 90 days, many late', 4000, 4000, 90, -30, 45),
  cls('overdue-4000', 'all overdue, 45 days', 4000, 10000, 45, -40, 0),
  cls('more-2000', 'more pathways than slots, 45 days', 2000, 1000, 45, -7, 52),
  cls('more-8000', 'more pathways than slots, 45 days', 8000, 4000, 45, -7, 52),
];

/*
 * The shape of proposeAllocation(LUNG) on the national data set of bench/exchange.bench.ts, in 4 modalities solved
 * separately (as MatchingService.propose does): 135 providers in 5 regions and abroad, slots on every day of 180
 * days from tomorrow, pathways at 98 municipality points (a pathway's position is its home municipality's, so many
 * share it). Two sizes: the (4,752 at-risk pathways, 47,000 free slots, deadlines from 10 days ago to 45
 * ahead) and what the data set gives today (6,783 at risk: deadlines at most a week ahead, most of them past, as the
 * early-warning sweep marks them; 25,303 free LUNG slots).
 */
export interface NationalShape {
  key: string;
  pathways: number;
  slots: number;
  deadlineFrom: number;
  deadlineTo: number;
}
export const NATIONAL_SHAPES: NationalShape[] = [
  { key: 'national-issue', pathways: 4752, slots: 47000, deadlineFrom: -10, deadlineTo: 45 },
  { key: 'national-today', pathways: 6783, slots: 25303, deadlineFrom: -8, deadlineTo: 7 },
];
export const NATIONAL = { modalities: 4, providers: 135, municipalities: 98, days: 180 };

export function makeNationalInstances(shape: NationalShape, seed = 5): AllocationInput[] {
  const rnd = prng(seed);
  const lat = () => 54.6 + rnd() * 3.1;
  const lon = () => 8.1 + rnd() * 4.5;
  const providers: (AllocationProvider & { region: number | null })[] = Array.from(
    { length: NATIONAL.providers },
    (_, i) => {
      const foreign = i % 10 === 0;
      return {
        id: `prov-${String(i).padStart(3, '0')}`,
        kind: foreign ? 'FOREIGN' : i % 5 === 0 ? 'PRIVATE' : 'PUBLIC',
        lat: foreign ? 53.5 + rnd() : lat(),
        lon: lon(),
        region: foreign ? null : i % REGIONS,
      };
    },
  );
  const municipalities = Array.from({ length: NATIONAL.municipalities }, (_, i) => ({
    lat: lat(),
    lon: lon(),
    region: i % REGIONS,
  }));
  const own = Array.from({ length: REGIONS }, (_, r) => providers.filter((p) => p.region === r).map((p) => p.id));
  const perModality = (total: number, m: number) =>
    Math.floor(total / NATIONAL.modalities) + (m < total % NATIONAL.modalities ? 1 : 0);
  return Array.from({ length: NATIONAL.modalities }, (_, m) => {
    const slots: AllocationSlot[] = Array.from({ length: perModality(shape.slots, m) }, (_, i) => ({
      id: `slot-${m}-${String(i).padStart(6, '0')}`,
      providerId: providers[Math.floor(rnd() * providers.length)].id,
      date: isoDay(Math.floor(rnd() * NATIONAL.days)),
    }));
    const pathways: AllocationPathway[] = Array.from({ length: perModality(shape.pathways, m) }, (_, i) => {
      const home = municipalities[Math.floor(rnd() * municipalities.length)];
      return {
        id: `pw-${m}-${String(i).padStart(6, '0')}`,
        deadline: isoDay(shape.deadlineFrom + Math.floor(rnd() * (shape.deadlineTo - shape.deadlineFrom))),
        lat: home.lat,
        lon: home.lon,
        excludedProviderIds: own[home.region],
      };
    });
    return { pathways, slots, providers: providers.map(({ region: _, ...p }) => p) };
  });
}
