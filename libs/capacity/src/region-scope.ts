import { Actor, assertRegionWrite, badInput, forbidden, isSecretariat } from '@app/core';
import { addDays, type ISODate } from '@app/deadline';
import { effectiveRegionCode, Region, regionCodesRepresentedBy } from '@app/reference';

/** Provider region codes that belong to one region during [from, to) (null = unbounded). */
export interface RegionPeriod {
  from: ISODate | null;
  to: ISODate | null;
  codes: number[];
}

const FAR_PAST = '0001-01-01';

/**
 * Which provider region codes count as region `code`, period by period: slots are attributed to the region valid on
 * their date, so from 2027-01-01 a filter on 1086 (Østdanmark) also covers providers registered under 1084 and 1085,
 * while 2026 slots of those providers stay with their old regions.
 */
export function regionPeriods(regions: Map<number, Region>, code: number, field = 'regionCode'): RegionPeriod[] {
  if (!regions.has(code)) throw badInput(field, `${code} is not a region code`);
  const cuts = [
    ...new Set([...regions.values()].filter((r) => r.validTo && r.successorCode).map((r) => addDays(r.validTo!, 1))),
  ].sort();
  const periods: RegionPeriod[] = [];
  [null, ...cuts].forEach((from, i) => {
    const codes = regionCodesRepresentedBy(regions, code, from ?? FAR_PAST).sort((a, b) => a - b);
    const last = periods[periods.length - 1];
    if (last && last.codes.join() === codes.join()) last.to = cuts[i] ?? null;
    else periods.push({ from, to: cuts[i] ?? null, codes });
  });
  return periods;
}

/**
 * SQL condition "the slot belongs to one of these periods' regions on its date" over the denormalised
 * `region_code` and `slot_date` columns of `alias`, with uniquely prefixed parameters.
 */
export function regionCondition(
  alias: string,
  periods: RegionPeriod[],
  prefix: string,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const parts = periods.map((p, i) => {
    const terms = [`${alias}.region_code = ANY(:${prefix}${i}c)`];
    params[`${prefix}${i}c`] = p.codes;
    if (p.from) {
      terms.push(`${alias}.slot_date >= :${prefix}${i}f`);
      params[`${prefix}${i}f`] = p.from;
    }
    if (p.to) {
      terms.push(`${alias}.slot_date < :${prefix}${i}t`);
      params[`${prefix}${i}t`] = p.to;
    }
    return `(${terms.join(' AND ')})`;
  });
  return { sql: `(${parts.join(' OR ')})`, params };
}

/**
 * May `actor` publish or withdraw slots of a provider in `providerRegion` (null = abroad) on each of `dates`?
 * Regions are compared as in force on each date, so Hovedstaden and Sjælland planners keep working after the
 * 2027 merger (both then act for Østdanmark). Secretariat: always; planner: own region only; others: never.
 */
export function assertMayChangeCapacity(
  regions: Map<number, Region>,
  actor: Actor,
  providerRegion: number | null,
  dates: Iterable<ISODate>,
  providerName: string,
): void {
  if (providerRegion === null && !isSecretariat(actor)) {
    throw forbidden(
      `Capacity at foreign providers such as ${providerName} is published and withdrawn by the secretariat`,
      `Kapacitet hos udenlandske behandlingssteder som ${providerName} offentliggøres og trækkes tilbage af sekretariatet`,
    );
  }
  for (const date of dates) {
    const own = actor.regionCode === null ? null : effectiveRegionCode(regions, actor.regionCode, date);
    const theirs = providerRegion === null ? null : effectiveRegionCode(regions, providerRegion, date);
    assertRegionWrite(
      { ...actor, regionCode: own },
      theirs,
      `slots at ${providerName} on ${date}`,
      (c) => regions.get(c)?.name ?? `region ${c}`,
    );
  }
}
