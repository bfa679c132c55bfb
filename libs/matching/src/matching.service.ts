import { Actor, AppConfig, assertCancerArea, Clock, invalidState, ProviderKind, query } from '@app/core';
import { offerableSlots, offerableSlotsOfProviderSql } from '@app/capacity';
import { todayInCopenhagen } from '@app/deadline';
import {
  activeRules,
  atRiskWaitingPathways,
  dateDa,
  judge,
  notesFor,
  PATHWAY_OFFER_MOVES,
  PathwayStatus,
  patientWishes,
  PathwaysService,
  PatientWishes,
  PreferenceFacts,
  WishOverrides,
} from '@app/pathways';
import { effectiveRegionCode, Provider, providersNearSql, ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllocationSlot } from './allocation';
import { AllocationRunner } from './allocation-runner';
import { acceptanceOf, acceptanceText, usableRates } from './acceptance';
import { AllocationProposal, CandidateSearch, MatchCandidate, ProposeAllocationInput } from './dto/matching.types';
import { constrainAllocationInput, WishfulPathway } from './exclusions';
import { explain } from './reasons';

/**
 * Candidate ranking for one pathway, one statement: the providers (reference's builder) and each provider's offerable
 * slots (capacity's builder) are the owners' SQL; the ranking is matching's. $1 area, $2 modality, $3 deadline,
 * $4 excluded (own) region codes, $5/$6 home lat/lon, $7 provider kind order, $8 limit; the patient's wishes
 * (libs/pathways exclusions.ts): $9 declined slot ids, $10 excluded provider kinds, $11 at most km, $12 strictly
 * nearer than km, $13 not before date, $14 dates ranked last (TIMING declines); acceptance rates $15 keys
 * 'band|kind' / $16 rates (tie-breaker after the deadline); $17 now (the Clock).
 */
const providerSlots = (where: string) =>
  offerableSlotsOfProviderSql({
    provider: 'prov.id',
    area: '$1',
    modality: '$2',
    now: '$17',
    excludedIds: '$9::uuid[]',
    notBefore: '$13::date',
    where,
    limit: '$8',
  });
const CANDIDATES_SQL = `
  WITH prov AS (
    ${providersNearSql({ area: '$1', modality: '$2', lat: '$5', lon: '$6', excludedRegions: '$4', excludedKinds: '$10', maxKm: '$11', nearerThanKm: '$12' })}
  ), cand AS (
    -- Within one provider, kind and distance are equal, so its first $8 slots in time and first $8 late are enough
    -- (plus the first $8 on dates ranked last); "in time" (slot_date <= deadline) is a start-time range so the index
    -- scan stops at the deadline.
    SELECT s.*, prov.kind, prov.country, prov.distance_km, s.slot_date <= $3::date AS meets,
           s.slot_date = ANY($14::date[]) AS ranked_last
      FROM prov CROSS JOIN LATERAL (
        (${providerSlots(`s.starts_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen') AND NOT (s.slot_date = ANY($14::date[]))`)})
        UNION ALL
        (${providerSlots(`s.starts_at >= (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen') AND NOT (s.slot_date = ANY($14::date[]))`)})
        UNION ALL
        (${providerSlots(`cardinality($14::date[]) > 0 AND s.slot_date = ANY($14::date[])`)})
      ) s
  ), rated AS (
    SELECT c.*, r.rate FROM cand c
      LEFT JOIN unnest($15::text[], $16::float8[]) AS r(key, rate) ON r.key = distance_band(c.country, c.distance_km) || '|' || c.kind
  )
  SELECT c.id, c.provider_id, c.starts_at, c.slot_date, c.duration_minutes, c.kind AS provider_kind, c.region_code, c.country,
         c.meets, ($3::date - c.slot_date) AS days_before, c.distance_km,
         CASE WHEN c.kind <> 'PUBLIC' THEN agreement_valid_to(c.provider_id, $1, $2, c.slot_date) END AS agreement_valid_to
    FROM rated c
   ORDER BY c.ranked_last, c.meets DESC, c.rate DESC NULLS LAST, array_position($7::text[], c.kind), c.distance_km, c.starts_at, c.id
   LIMIT $8`;

/** The SQL form of a pathway's wishes (all empty = no constraint). */
interface CandidateRules {
  declinedSlotIds: string[];
  excludedKinds: string[];
  maxKm: number | null;
  nearerThanKm: number | null;
  notBefore: string | null;
  lastDates: string[];
  rates: Map<string, number>;
}

function candidateParams(
  p: { cancerArea: string; modality: string; deadline: string },
  home: { lat: number; lon: number },
  ownRegionCodes: number[],
  limit: number,
  now: Date,
  kindOrder: readonly string[],
  rules: CandidateRules,
): unknown[] {
  return [
    p.cancerArea,
    p.modality,
    p.deadline,
    ownRegionCodes,
    home.lat,
    home.lon,
    kindOrder,
    limit,
    rules.declinedSlotIds,
    rules.excludedKinds,
    rules.maxKm,
    rules.nearerThanKm,
    rules.notBefore,
    rules.lastDates,
    [...rules.rates.keys()],
    [...rules.rates.values()],
    now,
  ];
}

/** The wishes as SQL parameters: the same decisions as `judge` (libs/pathways). */
function rulesOf(w: PatientWishes, rates: Map<string, number>): CandidateRules {
  return {
    declinedSlotIds: [...w.declinedSlots.keys()],
    excludedKinds: [...(w.noForeign ? ['FOREIGN'] : []), ...(w.noPrivate ? ['PRIVATE'] : [])],
    maxKm: w.maxKm?.km ?? null,
    nearerThanKm: w.nearerThanKm?.km ?? null,
    notBefore: w.notBefore?.date ?? null,
    lastDates: w.lastDates?.dates ?? [],
    rates,
  };
}

const NO_PREFERENCES: PreferenceFacts = {
  maxTravelKm: null,
  acceptsAbroad: null,
  acceptsPrivate: null,
  notBefore: null,
};

/** Why a pathway in each status other than WAITING gets no candidates, in the planner's words. */
const NOT_WAITING_DA: Record<Exclude<PathwayStatus, PathwayStatus.WAITING>, string> = {
  [PathwayStatus.OFFERED]:
    'Forløbet har et tilbud, der afventer patientens svar. Registrér svaret, eller træk tilbuddet tilbage, før der søges en ny tid.',
  [PathwayStatus.SCHEDULED]: 'Forløbet er planlagt og venter ikke på en tid.',
  [PathwayStatus.TREATED]: 'Forløbet er behandlet og venter ikke på en tid.',
  [PathwayStatus.CLOSED]: 'Forløbet er afsluttet og venter ikke på en tid.',
};

/**
 * Candidates are searched only for pathways that can receive an offer (the statuses createOffer accepts): a treated
 * or closed pathway, one already scheduled or with a pending offer gets INVALID_STATE rather than slots to offer.
 */
function assertSearchable(status: PathwayStatus): void {
  if ((PATHWAY_OFFER_MOVES.offer.from as readonly PathwayStatus[]).includes(status)) return;
  throw invalidState(
    `A ${status} pathway is not waiting; candidates are found only for ${PATHWAY_OFFER_MOVES.offer.from.join(' or ')} pathways`,
    NOT_WAITING_DA[status as Exclude<PathwayStatus, PathwayStatus.WAITING>],
  );
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
    private readonly clock: Clock,
  ) {}

  /** Ranked in SQL on the partial FREE-slot index: meets deadline → acceptance rate → kind → distance → earlier start. */
  async candidates(
    actor: Actor,
    pathwayId: string,
    limit: number,
    includeOwnRegion: boolean,
    overrides: WishOverrides = {},
  ): Promise<MatchCandidate[]> {
    return (await this.search(actor, pathwayId, limit, includeOwnRegion, overrides, false)).candidates;
  }

  /**
   * The candidates with the patient's wishes (declines, preferences) applied as hard rules, and, when nothing meets
   * the deadline, whether the wishes are why (with the excluded slots): the region's evidence that it searched.
   */
  async search(
    actor: Actor,
    pathwayId: string,
    limit: number,
    includeOwnRegion: boolean,
    overrides: WishOverrides = {},
    explainNone = true,
  ): Promise<CandidateSearch> {
    const p = await this.pathways.get(actor, pathwayId);
    assertSearchable(p.status);
    const [home, own, wishesById, counts] = await Promise.all([
      this.reference.municipality(p.homeMunicipalityCode),
      includeOwnRegion ? [] : this.reference.regionCodesFor(p.regionCode),
      this.pathways.wishesOf([p], overrides),
      this.pathways.acceptanceCounts(),
    ]);
    const wishes = wishesById.get(p.id)!;
    const now = this.clock.now();
    const rows = await query<CandidateRow>(
      this.db,
      CANDIDATES_SQL,
      candidateParams(p, home, own, limit, now, this.config.providerKindOrder, rulesOf(wishes, usableRates(counts))),
    );
    await this.pathways.auditOverrides(actor, 'matchCandidates', [{ pathwayId: p.id, wishes }]);
    const regions = await this.reference.regionMap();
    const today = todayInCopenhagen(now);
    const ownEffective = effectiveRegionCode(regions, p.regionCode, today);
    const unconstrained =
      explainNone && !rows.some((r) => r.meets)
        ? await query<CandidateRow>(
            this.db,
            CANDIDATES_SQL,
            candidateParams(p, home, own, 50, now, this.config.providerKindOrder, {
              ...rulesOf(patientWishes(NO_PREFERENCES, [], {}), new Map()),
              declinedSlotIds: [...wishes.declinedSlots.keys()],
            }),
          )
        : [];
    const providers = new Map(
      (await this.reference.providersByIds([...new Set([...rows, ...unconstrained].map((r) => r.provider_id))])).map(
        (x) => [x.id, x],
      ),
    );
    const candidates = rows.map((r, i) => {
      const otherRegion = r.region_code === null || effectiveRegionCode(regions, r.region_code, today) !== ownEffective;
      const acceptance = acceptanceOf(counts, r.country, r.provider_kind, r.distance_km);
      return {
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
        distanceBand: acceptance.band,
        acceptanceRate: acceptance.rate,
        acceptanceAnswers: acceptance.answers,
        flagged: wishes.flagOtherRegions !== null && otherRegion,
        rankedLast: wishes.lastDates?.dates.includes(r.slot_date) ?? false,
        reasons: [
          ...explain({
            daysBeforeDeadline: r.days_before,
            providerKind: r.provider_kind,
            regionName: r.region_code ? (regions.get(r.region_code)?.name ?? null) : null,
            country: r.country,
            distanceKm: r.distance_km,
            agreementValidTo: r.agreement_valid_to,
          }),
          acceptanceText(acceptance),
          ...notesFor(wishes, { date: r.slot_date, otherRegion }),
        ],
      };
    });
    const excludedInTime = unconstrained
      .filter((r) => r.meets)
      .flatMap((r) => {
        const v = judge(wishes, {
          slotId: r.id,
          providerKind: r.provider_kind,
          providerCountry: r.country,
          distanceKm: r.distance_km,
          date: r.slot_date,
          otherRegion: true,
        });
        return v.excluded
          ? [
              {
                slotId: r.id,
                date: r.slot_date,
                provider: providers.get(r.provider_id)!,
                distanceKm: r.distance_km,
                reason: v.excluded.why,
              },
            ]
          : [];
      });
    const noneInTime = !rows.some((r) => r.meets);
    const because = noneInTime && excludedInTime.length > 0;
    let explanation: string | null = null;
    if (because) {
      const tally = new Map<string, number>();
      for (const e of excludedInTime) tally.set(e.reason, (tally.get(e.reason) ?? 0) + 1);
      explanation =
        `Ingen ledig tid inden fristen ${dateDa(p.deadline)} opfylder patientens ønsker: ` +
        [...tally]
          .map(
            ([why, n]) =>
              `${n} ledig${n === 1 ? '' : 'e'} tid${n === 1 ? '' : 'er'} inden fristen udelukket, fordi: ${why}`,
          )
          .join('; ');
    } else if (noneInTime) {
      explanation = `Ingen ledig tid inden fristen ${dateDa(p.deadline)} i de søgte regioner, heller ikke uden patientens ønsker`;
    }
    return {
      candidates,
      rules: notesFor(wishes, { date: '', otherRegion: false }),
      suggestions: wishes.suggestPause ? [wishes.suggestPause.why] : [],
      suggestRecordPause: wishes.suggestPause !== null,
      noneInTimeBecauseOfWishes: because,
      explanation,
      excludedInTime,
    };
  }

  /**
   * Optimal batch proposal for a meeting: at-risk WAITING pathways of the area vs eligible free slots, solved per
   * modality (a pathway can only use slots of its own modality, so the groups are independent and the union optimal).
   */
  async propose(actor: Actor, input: ProposeAllocationInput): Promise<AllocationProposal> {
    assertCancerArea(actor, input.cancerArea);
    const now = this.clock.now();
    const today = todayInCopenhagen(now);
    const [waiting, slots, municipalities] = await Promise.all([
      atRiskWaitingPathways(this.db, {
        cancerArea: input.cancerArea,
        modality: input.modality ?? null,
        regionCodes: input.regions?.length ? await this.expandRegions(input.regions) : null,
      }),
      offerableSlots(this.db, {
        cancerArea: input.cancerArea,
        modality: input.modality ?? null,
        from: input.from ?? today,
        to: input.to ?? null,
        now,
      }),
      this.reference.municipalityMap(),
    ]);
    const pathways = waiting.map((p) => {
      const home = municipalities.get(p.home_municipality_code)!;
      return { ...p, lat: home.lat, lon: home.lon };
    });
    const providerRows = await this.reference.providersByIds([...new Set(slots.map((s) => s.provider_id))]);
    const providers = new Map(providerRows.map((x) => [x.id, x]));
    const regionMap = await this.reference.regionMap();
    const effective = (code: number) => effectiveRegionCode(regionMap, code, today);
    const ownProviders = new Map<number, string[]>();
    for (const code of new Set(pathways.map((p) => p.region_code))) {
      const eff = effective(code);
      ownProviders.set(
        code,
        providerRows.filter((pr) => pr.regionCode !== null && effective(pr.regionCode) === eff).map((pr) => pr.id),
      );
    }
    // The patients' wishes are hard constraints, applied to the solver's input only (exclusions.ts).
    const wishes = await this.pathways.wishesOf(pathways, input.overrides ?? {});
    await this.pathways.auditOverrides(
      actor,
      'proposeAllocation',
      pathways.map((p) => ({ pathwayId: p.id, wishes: wishes.get(p.id)! })),
    );
    // Kind preference is the last tie-breaker of the allocation: its penalty is the position in the configured order.
    const kindPenalty = Object.fromEntries(this.config.providerKindOrder.map((k, i) => [k, i])) as Record<
      ProviderKind,
      number
    >;
    const allocProviders = providerRows.map((x) => ({
      id: x.id,
      kind: x.kind,
      lat: x.lat,
      lon: x.lon,
      country: x.country,
    }));
    const proposal: AllocationProposal = {
      cancerArea: input.cancerArea,
      assignments: [],
      unassigned: [],
      totals: {
        pathways: pathways.length,
        slots: slots.length,
        placed: 0,
        placedInTime: 0,
        placedLate: 0,
        totalDaysLate: 0,
        totalDistanceKm: 0,
      },
    };
    const byId = new Map(pathways.map((p) => [p.id, p]));
    const slotById = new Map(slots.map((s) => [s.id, s]));
    // One solver run per modality, in parallel on the allocation threads (never on the event loop). The patient's
    // wishes are applied to each run's input (constrainAllocationInput), so the solver sees them as hard constraints.
    const modalities = [...new Set(pathways.map((p) => p.modality))].sort();
    const solved = await Promise.all(
      modalities.map(async (modality) => {
        const group: WishfulPathway[] = pathways
          .filter((p) => p.modality === modality)
          .map((p) => ({
            id: p.id,
            deadline: p.deadline,
            lat: p.lat,
            lon: p.lon,
            excludedProviderIds: ownProviders.get(p.region_code),
            wishes: wishes.get(p.id)!,
          }));
        const groupSlots: AllocationSlot[] = slots
          .filter((s) => s.modality === modality)
          .map((s) => ({ id: s.id, providerId: s.provider_id, date: s.slot_date }));
        const constrained = constrainAllocationInput(group, groupSlots, allocProviders, kindPenalty);
        return { constrained, r: await this.allocation.allocate(constrained.input) };
      }),
    );
    for (const { constrained, r } of solved) {
      for (const a of r.assignments) {
        const p = byId.get(a.pathwayId)!;
        const s = slotById.get(a.slotId)!;
        const provider: Provider = providers.get(constrained.realProviderId.get(a.providerId)!)!;
        const otherRegion = provider.regionCode === null || effective(provider.regionCode) !== effective(p.region_code);
        proposal.assignments.push({
          pathwayId: p.id,
          pathwayReference: p.reference,
          pathwayRegionCode: p.region_code,
          deadline: p.deadline,
          slotId: s.id,
          starts: s.starts_at,
          date: s.slot_date,
          provider,
          meetsDeadline: a.meetsDeadline,
          daysBeforeDeadline: a.daysBeforeDeadline,
          distanceKm: a.distanceKm,
          reasons: [
            ...explain({
              daysBeforeDeadline: a.daysBeforeDeadline,
              providerKind: provider.kind,
              distanceKm: a.distanceKm,
              country: provider.country,
              regionName: provider.regionCode ? (regionMap.get(provider.regionCode)?.name ?? null) : null,
              agreementValidTo: null,
            }).slice(0, 2),
            ...notesFor(wishes.get(p.id)!, { date: s.slot_date, otherRegion }),
          ],
        });
      }
      for (const u of r.unassigned) {
        const rules = activeRules(wishes.get(u.pathwayId)!);
        proposal.unassigned.push({
          pathwayId: u.pathwayId,
          pathwayReference: byId.get(u.pathwayId)!.reference,
          reason: u.reason,
          explanation:
            rules.length && u.reason !== 'CAPACITY_TAKEN'
              ? `Ingen ${u.reason === 'NONE_IN_TIME' ? 'rettidig ' : ''}ledig tid opfylder patientens ønsker: ${rules.join('; ')}`
              : null,
        });
      }
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
