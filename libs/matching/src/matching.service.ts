import { Actor, AppConfig, assertCancerArea, ProviderKind } from '@app/core';
import { todayInCopenhagen } from '@app/deadline';
import { PathwaysService, PathwayStatus } from '@app/pathways';
import { effectiveRegionCode, Provider, ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllocationPathway, AllocationProvider, AllocationSlot } from './allocation';
import { AllocationRunner } from './allocation-runner';
import { AllocationProposal, MatchCandidate, ProposeAllocationInput } from './dto/matching.types';
import { explain } from './reasons';


// Slots a pathway may be offered: FREE, future, same area/modality, PUBLIC or covered by an agreement on the slot date.
// (agreement_valid_to is the SQL form of the agreement rule, defined once in a migration.)
const ELIGIBLE_SLOTS = `
  FROM slot s
  JOIN provider p ON p.id = s.provider_id
  WHERE s.status = 'FREE' AND s.starts_at > now()
    AND (s.provider_kind = 'PUBLIC' OR agreement_valid_to(s.provider_id, s.cancer_area, s.modality, s.slot_date) IS NOT NULL)`;

/**
 * Candidate ranking for one pathway: $1 area, $2 modality, $3 deadline, $4 excluded (own) region codes, $5/$6 home
 * lat/lon, $7 provider kind order, $8 limit. Exported so the benchmark can time the bare SQL against the API.
 */
export const CANDIDATES_SQL = `
  WITH prov AS (
    SELECT p.id, p.kind, p.country, p.region_code,
           round((2 * 6371.0088 * asin(sqrt(
             power(sin(radians(p.lat - $5) / 2), 2) + cos(radians($5)) * cos(radians(p.lat)) * power(sin(radians(p.lon - $6) / 2), 2)
           )))::numeric, 1)::float8 AS distance_km
      FROM provider p
     WHERE $1 = ANY(p.cancer_areas) AND $2 = ANY(p.modalities)
       AND (p.region_code IS NULL OR NOT (p.region_code = ANY($4::int[])))
  ), cand AS (
    -- Within one provider, kind and distance are equal, so its first $8 slots in time and first $8 late are enough;
    -- "in time" (slot_date <= deadline) is written as a start-time range so the index scan stops at the deadline.
    SELECT s.*, prov.kind, prov.country, prov.distance_km, s.slot_date <= $3::date AS meets
      FROM prov CROSS JOIN LATERAL (
        (SELECT s.id, s.provider_id, s.starts_at, s.slot_date, s.duration_minutes, s.region_code FROM slot s
          WHERE s.provider_id = prov.id AND s.cancer_area = $1 AND s.modality = $2 AND s.status = 'FREE'
            AND s.starts_at > now() AND s.starts_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen')
            AND (prov.kind = 'PUBLIC' OR agreement_valid_to(prov.id, $1, $2, s.slot_date) IS NOT NULL)
          ORDER BY s.starts_at, s.id LIMIT $8)
        UNION ALL
        (SELECT s.id, s.provider_id, s.starts_at, s.slot_date, s.duration_minutes, s.region_code FROM slot s
          WHERE s.provider_id = prov.id AND s.cancer_area = $1 AND s.modality = $2 AND s.status = 'FREE'
            AND s.starts_at > now() AND s.starts_at >= (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen')
            AND (prov.kind = 'PUBLIC' OR agreement_valid_to(prov.id, $1, $2, s.slot_date) IS NOT NULL)
          ORDER BY s.starts_at, s.id LIMIT $8)
      ) s
  )
  SELECT c.id, c.provider_id, c.starts_at, c.slot_date, c.duration_minutes, c.kind AS provider_kind, c.region_code, c.country,
         c.meets, ($3::date - c.slot_date) AS days_before, c.distance_km,
         CASE WHEN c.kind <> 'PUBLIC' THEN agreement_valid_to(c.provider_id, $1, $2, c.slot_date) END AS agreement_valid_to
    FROM cand c
   ORDER BY c.meets DESC, array_position($7::text[], c.kind), c.distance_km, c.starts_at, c.id
   LIMIT $8`;

export function candidateParams(
  p: { cancerArea: string; modality: string; deadline: string },
  home: { lat: number; lon: number },
  ownRegionCodes: number[],
  limit: number,
  kindOrder: readonly string[] = ['PUBLIC', 'PRIVATE', 'FOREIGN'],
): unknown[] {
  return [p.cancerArea, p.modality, p.deadline, ownRegionCodes, home.lat, home.lon, kindOrder, limit];
}

interface CandidateRow {
  id: string;
  provider_id: string;
  starts_at: Date;
  slot_date: string;
  duration_minutes: number;
  provider_kind: ProviderKind;
  region_code: number | null;
  country: string;
  meets: boolean;
  days_before: number;
  distance_km: number;
  agreement_valid_to: string | null;
}

@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pathways: PathwaysService,
    private readonly reference: ReferenceService,
    private readonly config: AppConfig,
    private readonly allocation: AllocationRunner,
  ) {}

  /** Ranked in SQL on the partial FREE-slot index: meets deadline → kind → distance → earlier start. */
  async candidates(actor: Actor, pathwayId: string, limit: number, includeOwnRegion: boolean): Promise<MatchCandidate[]> {
    const p = await this.pathways.get(actor, pathwayId);
    const home = await this.reference.municipality(p.homeMunicipalityCode);
    const own = includeOwnRegion ? [] : await this.reference.regionCodesFor(p.regionCode);
    const rows: CandidateRow[] = await this.db.query(CANDIDATES_SQL, candidateParams(p, home, own, limit, this.config.providerKindOrder));
    const providers = new Map((await this.reference.providersByIds([...new Set(rows.map((r) => r.provider_id))])).map((x) => [x.id, x]));
    const regions = await this.reference.regionMap();
    return rows.map((r, i) => ({
      rank: i + 1,
      slotId: r.id,
      starts: r.starts_at,
      date: r.slot_date,
      durationMinutes: r.duration_minutes,
      provider: providers.get(r.provider_id)!,
      providerKind: r.provider_kind,
      meetsDeadline: r.meets,
      daysBeforeDeadline: r.days_before,
      distanceKm: r.distance_km,
      agreementValidTo: r.agreement_valid_to,
      reasons: explain({
        daysBeforeDeadline: r.days_before,
        providerKind: r.provider_kind,
        regionName: r.region_code ? (regions.get(r.region_code)?.name ?? null) : null,
        country: r.country,
        distanceKm: r.distance_km,
        agreementValidTo: r.agreement_valid_to,
      }),
    }));
  }

  /**
   * Optimal batch proposal for a meeting: at-risk WAITING pathways of the area vs eligible free slots, solved per
   * modality (a pathway can only use slots of its own modality, so the groups are independent and the union optimal).
   */
  async propose(actor: Actor, input: ProposeAllocationInput): Promise<AllocationProposal> {
    assertCancerArea(actor, input.cancerArea);
    const from = input.from ?? todayInCopenhagen();
    const pathways: { id: string; reference: string; region_code: number; modality: string; deadline: string; lat: number; lon: number }[] =
      await this.db.query(
        `SELECT pw.id, pw.reference, pw.region_code, pw.modality, pw.deadline, m.lat, m.lon
           FROM pathway pw JOIN municipality m ON m.code = pw.home_municipality_code
          WHERE pw.cancer_area = $1 AND pw.status = $2 AND pw.at_risk
            AND ($3::text IS NULL OR pw.modality = $3) AND ($4::int[] IS NULL OR pw.region_code = ANY($4))
          ORDER BY pw.deadline, pw.id`,
        [input.cancerArea, PathwayStatus.WAITING, input.modality ?? null, input.regions?.length ? await this.expandRegions(input.regions) : null],
      );
    const slots: { id: string; provider_id: string; slot_date: string; starts_at: Date; modality: string }[] = await this.db.query(
      `SELECT s.id, s.provider_id, s.slot_date, s.starts_at, s.modality ${ELIGIBLE_SLOTS}
         AND s.cancer_area = $1 AND ($2::text IS NULL OR s.modality = $2)
         AND s.slot_date >= $3::date AND ($4::date IS NULL OR s.slot_date <= $4::date)
       ORDER BY s.starts_at, s.id`,
      [input.cancerArea, input.modality ?? null, from, input.to ?? null],
    );
    const providerRows = await this.reference.providersByIds([...new Set(slots.map((s) => s.provider_id))]);
    const providers = new Map(providerRows.map((x) => [x.id, x]));
    const today = todayInCopenhagen();
    const regionMap = await this.reference.regionMap();
    const effective = (code: number) => effectiveRegionCode(regionMap, code, today);
    const ownProviders = new Map<number, string[]>();
    for (const code of new Set(pathways.map((p) => p.region_code))) {
      const eff = effective(code);
      ownProviders.set(code, providerRows.filter((pr) => pr.regionCode !== null && effective(pr.regionCode) === eff).map((pr) => pr.id));
    }
    // Kind preference is the last tie-breaker of the allocation: its penalty is the position in the configured order.
    const kindPenalty = Object.fromEntries(this.config.providerKindOrder.map((k, i) => [k, i])) as Record<ProviderKind, number>;
    const allocProviders: AllocationProvider[] = providerRows.map((x) => ({ id: x.id, kind: x.kind, lat: x.lat, lon: x.lon }));
    const proposal: AllocationProposal = {
      cancerArea: input.cancerArea,
      assignments: [],
      unassigned: [],
      totals: { pathways: pathways.length, slots: slots.length, placed: 0, placedInTime: 0, placedLate: 0, totalDaysLate: 0, totalDistanceKm: 0 },
    };
    const byId = new Map(pathways.map((p) => [p.id, p]));
    const slotById = new Map(slots.map((s) => [s.id, s]));
    // One solver run per modality, in parallel on the allocation threads (never on the event loop).
    const modalities = [...new Set(pathways.map((p) => p.modality))].sort();
    const solved = await Promise.all(
      modalities.map((modality) => {
        const group: AllocationPathway[] = pathways
          .filter((p) => p.modality === modality)
          .map((p) => ({ id: p.id, deadline: p.deadline, lat: p.lat, lon: p.lon, excludedProviderIds: ownProviders.get(p.region_code) }));
        const groupSlots: AllocationSlot[] = slots.filter((s) => s.modality === modality).map((s) => ({ id: s.id, providerId: s.provider_id, date: s.slot_date }));
        return this.allocation.allocate({ pathways: group, slots: groupSlots, providers: allocProviders, kindPenalty });
      }),
    );
    for (const r of solved) {
      for (const a of r.assignments) {
        const p = byId.get(a.pathwayId)!;
        const s = slotById.get(a.slotId)!;
        const provider: Provider = providers.get(a.providerId)!;
        proposal.assignments.push({
          pathwayId: p.id, pathwayReference: p.reference, pathwayRegionCode: p.region_code, deadline: p.deadline,
          slotId: s.id, starts: s.starts_at, date: s.slot_date, provider,
          meetsDeadline: a.meetsDeadline, daysBeforeDeadline: a.daysBeforeDeadline, distanceKm: a.distanceKm,
          reasons: explain({
            daysBeforeDeadline: a.daysBeforeDeadline, providerKind: provider.kind, distanceKm: a.distanceKm, country: provider.country,
            regionName: provider.regionCode ? (regionMap.get(provider.regionCode)?.name ?? null) : null, agreementValidTo: null,
          }).slice(0, 2),
        });
      }
      for (const u of r.unassigned) proposal.unassigned.push({ pathwayId: u.pathwayId, pathwayReference: byId.get(u.pathwayId)!.reference, reason: u.reason });
      const t = proposal.totals;
      t.placed += r.totals.placed;
      t.placedInTime += r.totals.placedInTime;
      t.placedLate += r.totals.placedLate;
      t.totalDaysLate += r.totals.totalDaysLate;
      t.totalDistanceKm = Math.round((t.totalDistanceKm + r.totals.totalDistanceKm) * 10) / 10;
    }
    return proposal;
  }

  private async expandRegions(codes: number[]): Promise<number[]> {
    const out = new Set<number>();
    for (const c of codes) for (const x of await this.reference.regionCodesFor(c)) out.add(x);
    return [...out];
  }
}

