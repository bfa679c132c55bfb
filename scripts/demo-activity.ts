import { addDays, computeDeadline, isWorkingDay, type Pause, type Phase } from '@app/deadline';
import { EntityManager } from 'typeorm';

/**
 * Demo activity for `npm start` on an empty database. The history — the whole previous calendar year and the current
 * year up to six weeks ago (published capacity, pathways, offers and answers, pauses, early warnings, meeting
 * decisions, treatments), with the summer holidays and Christmas as dips — is written here in bulk, one statement
 * per table, each state change with the audit_log row the services would have written at the time it happened. The
 * present — free slots for the next four weeks, open pathways (some at risk), two fresh offers and their answers,
 * patients' travel preferences, a closed sample audit of last year — is only planned here and made through the
 * services (demo-present.ts), so its audit log is the services' own.
 *
 * Why the history is not made through the services: they refuse dates in the past (a slot must start in the future,
 * an answer must come before expiry, a pathway's referral cannot be more than two years ago, …) and one transaction
 * per change would not load some two thousand pathways with their slots, offers and answers in the 10 s
 * `npm start` allows. Setting the Clock to each historical day would answer the first reason, not the second.
 *
 * Deterministic: one seeded generator, history ids included, so the same day gives the same demo on every machine.
 * Runs only when there are no pathways yet, so a restarted demo keeps what the user did.
 */
/** Deterministic pseudo-random numbers (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProviderRow {
  id: string;
  key: string;
  kind: 'PUBLIC' | 'PRIVATE' | 'FOREIGN';
  region_code: number | null;
  country: string;
  lat: number;
  lon: number;
  cancer_areas: string[];
  modalities: string[];
}
interface AgreementRow {
  provider_id: string;
  valid_from: string;
  valid_to: string;
  cancer_areas: string[];
  modalities: string[];
}
interface MunicipalityRow {
  code: number;
  region_code: number;
  lat: number;
  lon: number;
}
interface RegionRow {
  code: number;
  slug: string;
  valid_to: string | null;
  successor_code: number | null;
}

const AREAS = ['BREAST', 'LUNG', 'LOWER_GI', 'GYNAECOLOGICAL', 'URINARY', 'UPPER_GI'];
const PLANS: [Phase, string][] = [
  ['DIAGNOSTIC', 'DIAGNOSTIC'],
  ['PRIMARY_TREATMENT', 'SURGERY'],
  ['PRIMARY_TREATMENT', 'SURGERY'],
  ['PRIMARY_TREATMENT', 'RADIOTHERAPY'],
  ['ADJUVANT_TREATMENT', 'CHEMOTHERAPY'],
];
const NOW_SLOT_PROVIDERS = [
  'rm-aarhus-universitetshospital',
  'rsd-odense-universitetshospital',
  'rn-aalborg-universitetshospital',
  'rh-herlev-hospital',
  'rsj-naestved-sygehus',
  'priv-aleris-aarhus',
  'de-uksh-kiel',
  'se-sahlgrenska-goeteborg',
];
const NOW_MUNICIPALITIES = [101, 147, 151, 330, 350, 461, 561, 751, 791, 851, 860];

/** Referrals and capacity relative to an ordinary week: summer holidays, Christmas, winter and autumn holidays. */
export function seasonFactor(date: string): number {
  const md = date.slice(5);
  if (md >= '12-15' || md <= '01-04') return 0.3;
  if (md >= '07-01' && md <= '07-31') return 0.3;
  if ((md >= '06-22' && md <= '06-30') || (md >= '08-01' && md <= '08-10')) return 0.65;
  if (md >= '02-10' && md <= '02-16') return 0.75;
  if (md >= '10-13' && md <= '10-19') return 0.75;
  return 1;
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Copenhagen wall-clock time → ISO instant; the demo is Danish time all year (CET/CEST by the EU rule). */
function at(date: string, hour: number, minute = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const summer = (m > 3 && m < 10) || (m === 3 && d >= lastSunday(3)) || (m === 10 && d < lastSunday(10));
  return new Date(Date.UTC(y, m - 1, d, hour - (summer ? 2 : 1), minute)).toISOString();
}

function nextWorkingDay(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

interface Audit {
  at: string;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

class Demo {
  private readonly random = prng(2026);
  private idCounter = 0;
  readonly slots: Record<string, unknown>[] = [];
  readonly pathways: Record<string, unknown>[] = [];
  readonly pauses: Record<string, unknown>[] = [];
  readonly offers: Record<string, unknown>[] = [];
  readonly warnings: Record<string, unknown>[] = [];
  readonly meetings: Record<string, unknown>[] = [];
  readonly decisions: Record<string, unknown>[] = [];
  readonly audit: Audit[] = [];
  private readonly slotKeys = new Set<string>();
  private refSeq = 0;

  constructor(
    readonly today: string,
    private readonly providers: ProviderRow[],
    private readonly agreements: AgreementRow[],
    private readonly munis: MunicipalityRow[],
    private readonly regions: RegionRow[],
  ) {}

  r(): number {
    return this.random();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)];
  }
  /** A deterministic version-4-shaped UUID. */
  uuid(): string {
    const n = ++this.idCounter;
    const hex = (bits: number) =>
      Math.floor(this.random() * 2 ** bits)
        .toString(16)
        .padStart(bits / 4, '0');
    return `${hex(32)}-${hex(16)}-4${hex(12)}-${(8 + (n % 4)).toString(16)}${hex(12)}-${n.toString(16).padStart(12, '0')}`;
  }

  effectiveRegion(code: number, on: string): number {
    let c = code;
    for (let i = 0; i < 10; i++) {
      const r = this.regions.find((x) => x.code === c);
      if (!r || !r.valid_to || on <= r.valid_to || !r.successor_code) return c;
      c = r.successor_code;
    }
    return c;
  }
  planner(region: number): string {
    return `planner.${this.regions.find((r) => r.code === region)?.slug ?? region}@demo.dk`;
  }
  log(
    atIso: string,
    actor: string,
    action: string,
    type: string,
    id: string,
    after: unknown,
    before: unknown = null,
  ): void {
    this.audit.push({ at: atIso, actor_label: actor, action, entity_type: type, entity_id: id, before, after });
  }

  hasAgreement(p: ProviderRow, area: string, modality: string, on: string): boolean {
    return (
      p.kind === 'PUBLIC' ||
      this.agreements.some(
        (a) =>
          a.provider_id === p.id &&
          a.valid_from <= on &&
          on <= a.valid_to &&
          a.cancer_areas.includes(area) &&
          a.modalities.includes(modality),
      )
    );
  }

  /** A slot row (status as given), with its publication audited three weeks before (or now, for future slots). */
  slot(p: ProviderRow, area: string, modality: string, date: string, status: string): Record<string, unknown> {
    let hour = this.int(8, 14);
    while (this.slotKeys.has(`${p.id}|${area}|${modality}|${date}|${hour}`)) hour++;
    this.slotKeys.add(`${p.id}|${area}|${modality}|${date}|${hour}`);
    const s = {
      id: this.uuid(),
      provider_id: p.id,
      cancer_area: area,
      modality,
      starts_at: at(date, hour),
      duration_minutes: 60,
      status,
      region_code: p.region_code,
      provider_kind: p.kind,
      slot_date: date,
    };
    const published = date < this.today ? addDays(date, -21) : addDays(this.today, -1);
    const actor = p.region_code ? this.planner(p.region_code) : 'secretariat@demo.dk';
    this.log(at(published, 8), actor, 'slot.publish', 'slot', s.id, {
      status: 'FREE',
      cancerArea: area,
      modality,
      startsAt: s.starts_at,
    });
    if (status === 'EXPIRED')
      this.log(s.starts_at, 'system', 'slot.expire', 'slot', s.id, { status: 'EXPIRED' }, { status: 'FREE' });
    if (status === 'WITHDRAWN')
      this.log(
        at(addDays(date, -5), 9),
        actor,
        'slot.withdraw',
        'slot',
        s.id,
        { status: 'WITHDRAWN' },
        { status: 'FREE' },
      );
    this.slots.push(s);
    return s;
  }

  pathway(
    muni: MunicipalityRow,
    area: string,
    plan: [Phase, string],
    clockStart: string,
    pauses: Pause[] = [],
  ): Record<string, unknown> {
    const region = this.effectiveRegion(muni.region_code, clockStart);
    const d = computeDeadline({ phase: plan[0], clockStart, pauses });
    const p: Record<string, unknown> = {
      id: this.uuid(),
      reference: `DEMO-${String(++this.refSeq).padStart(5, '0')}`,
      region_code: region,
      home_municipality_code: muni.code,
      cancer_area: area,
      phase: plan[0],
      modality: plan[1],
      clock_start: clockStart,
      expected_date: null,
      treated_on: null,
      status: 'WAITING',
      deadline: d.deadline,
      base_deadline: d.baseDeadline,
      paused_days: d.pausedDays,
      rule_set: d.ruleSet,
      created_at: at(clockStart, 9),
    };
    this.pathways.push(p);
    this.log(at(clockStart, 9), this.planner(region), 'pathway.register', 'pathway', p.id as string, {
      reference: p.reference,
      cancerArea: area,
      clockStart,
      deadline: d.deadline,
    });
    for (const pause of pauses) {
      const id = this.uuid();
      this.pauses.push({ id, pathway_id: p.id, from_date: pause.from, to_date: pause.to, reason: pause.reason });
      this.log(at(pause.from, 10), this.planner(region), 'pathway.pause', 'pathway', p.id as string, {
        id,
        from: pause.from,
        to: pause.to,
        reason: pause.reason,
      });
    }
    return p;
  }

  setPathway(p: Record<string, unknown>, when: string, actor: string, change: Record<string, unknown>): void {
    const before = { status: p.status, expectedDate: p.expected_date, treatedOn: p.treated_on };
    Object.assign(p, change);
    this.log(
      when,
      actor,
      `pathway.${String(p.status).toLowerCase()}`,
      'pathway',
      p.id as string,
      { status: p.status, expectedDate: p.expected_date, treatedOn: p.treated_on },
      before,
    );
  }

  /** A provider for an offer: another region's public hospital, a private hospital or one abroad, with an agreement. */
  offerProvider(p: Record<string, unknown>, slotDate: string, exclude: Set<string>): ProviderRow | null {
    const area = p.cancer_area as string;
    const modality = p.modality as string;
    const region = p.region_code as number;
    const wanted = this.r() < 0.55 ? 'PUBLIC' : this.r() < 0.55 ? 'PRIVATE' : 'FOREIGN';
    for (const kind of [wanted, 'PUBLIC', 'FOREIGN', 'PRIVATE']) {
      const options = this.providers.filter(
        (x) =>
          x.kind === kind &&
          !exclude.has(x.id) &&
          x.cancer_areas.includes(area) &&
          x.modalities.includes(modality) &&
          (x.region_code === null || this.effectiveRegion(x.region_code, slotDate) !== region) &&
          this.hasAgreement(x, area, modality, slotDate),
      );
      if (options.length) return this.pick(options);
    }
    return null;
  }

  /** One offer and its answer; returns the offer with its outcome, or null when no provider fits. */
  offer(
    p: Record<string, unknown>,
    home: MunicipalityRow,
    offeredOn: string,
    exclude: Set<string>,
  ): { status: string; slotDate: string; respondedOn: string; providerId: string } | null {
    const slotDate = nextWorkingDay(addDays(offeredOn, this.int(5, 18)));
    const provider = this.offerProvider(p, slotDate, exclude);
    if (!provider) return null;
    exclude.add(provider.id);
    const distance = km(home, provider);
    const r = this.r();
    const pAccept = Math.max(0.1, 0.93 - distance / 550 - (provider.kind === 'FOREIGN' ? 0.1 : 0));
    const status = r < 0.04 ? 'EXPIRED' : r < 0.06 ? 'WITHDRAWN' : this.r() < pAccept ? 'ACCEPTED' : 'DECLINED';
    const reason =
      status !== 'DECLINED'
        ? null
        : provider.kind === 'FOREIGN'
          ? this.pick(['ABROAD', 'ABROAD', 'ABROAD', 'DISTANCE', 'DISTANCE', 'LANGUAGE', 'FAMILY_OR_WORK'])
          : distance > 120
            ? this.pick(['DISTANCE', 'DISTANCE', 'DISTANCE', 'FAMILY_OR_WORK', 'TIMING', 'PREFERS_OWN_HOSPITAL'])
            : this.pick([
                'TIMING',
                'TIMING',
                'PREFERS_OWN_HOSPITAL',
                'PREFERS_OWN_HOSPITAL',
                'HEALTH',
                'FAMILY_OR_WORK',
              ]);
    const slot = this.slot(
      provider,
      p.cancer_area as string,
      p.modality as string,
      slotDate,
      status === 'ACCEPTED' ? 'BOOKED' : 'EXPIRED',
    );
    const offeredAt = at(offeredOn, this.int(9, 14), this.int(0, 59));
    const respondedOn = status === 'EXPIRED' ? addDays(offeredOn, 3) : addDays(offeredOn, this.int(1, 2));
    const respondedAt = status === 'EXPIRED' ? at(respondedOn, 9) : at(respondedOn, this.int(9, 15), this.int(0, 59));
    const actor = this.planner(p.region_code as number);
    const o = {
      id: this.uuid(),
      pathway_id: p.id,
      slot_id: slot.id,
      status,
      region_code: p.region_code,
      cancer_area: p.cancer_area,
      modality: p.modality,
      provider_id: provider.id,
      provider_kind: provider.kind,
      provider_country: provider.country,
      slot_starts_at: slot.starts_at,
      slot_date: slotDate,
      deadline_at_offer: p.deadline,
      offered_at: offeredAt,
      offered_on: offeredOn,
      expires_at: at(addDays(offeredOn, 3), 9),
      responded_at: respondedAt,
      decline_reason: reason,
      note: reason === 'OTHER' ? 'Andet' : null,
      expected_date_at_offer: p.own_expected ?? null,
    };
    this.offers.push(o);
    this.log(offeredAt, actor, 'offer.create', 'offer', o.id, {
      status: 'PENDING',
      slotId: slot.id,
      providerKind: provider.kind,
      distanceKm: Math.round(distance),
    });
    this.log(offeredAt, actor, 'slot.hold', 'slot', slot.id as string, { status: 'HELD' }, { status: 'FREE' });
    this.setPathway(p, offeredAt, actor, { status: 'OFFERED' });
    this.log(
      respondedAt,
      status === 'EXPIRED' ? 'system' : actor,
      `offer.${status.toLowerCase()}`,
      'offer',
      o.id,
      { status, declineReason: reason },
      { status: 'PENDING' },
    );
    if (status === 'ACCEPTED') {
      this.log(respondedAt, actor, 'slot.booked', 'slot', slot.id as string, { status: 'BOOKED' }, { status: 'HELD' });
      this.setPathway(p, respondedAt, actor, { status: 'SCHEDULED', expected_date: slotDate });
    } else {
      this.log(
        respondedAt,
        status === 'EXPIRED' ? 'system' : actor,
        'slot.expire',
        'slot',
        slot.id as string,
        { status: 'EXPIRED' },
        { status: 'HELD' },
      );
      this.setPathway(p, respondedAt, status === 'EXPIRED' ? 'system' : actor, { status: 'WAITING' });
    }
    return { status, slotDate, respondedOn, providerId: provider.id };
  }

  warning(p: Record<string, unknown>, raisedOn: string): void {
    const id = this.uuid();
    this.warnings.push({
      id,
      pathway_id: p.id,
      region_code: p.region_code,
      cancer_area: p.cancer_area,
      deadline: p.deadline,
      raised_on: raisedOn,
      created_at: at(raisedOn, 6),
    });
    this.log(at(raisedOn, 6), 'system', 'pathway.early-warning', 'pathway', p.id as string, {
      warningId: id,
      deadline: p.deadline,
      raisedOn,
    });
  }

  /** History: [from, until) clock starts, with everything that followed (all of it before `today`). */
  history(from: string, until: string): void {
    const homes = this.munis;
    for (let day = from; day < until; day = addDays(day, 1)) {
      if (!isWorkingDay(day)) continue;
      const f = seasonFactor(day);
      // Unused capacity published for the day: expired or withdrawn by now.
      for (const p of this.providers) {
        if (this.r() > 0.1 * f) continue;
        const area = this.pick(p.cancer_areas.filter((a) => AREAS.includes(a)));
        const modality = this.pick(p.modalities);
        if (!area || !this.hasAgreement(p, area, modality, day)) continue;
        this.slot(p, area, modality, day, this.r() < 0.1 ? 'WITHDRAWN' : 'EXPIRED');
      }
      const referrals = Math.round((3 + this.r() * 3) * f);
      for (let i = 0; i < referrals; i++) this.onePathway(this.pick(homes), day);
    }
  }

  private onePathway(home: MunicipalityRow, clockStart: string): void {
    const area = this.pick(AREAS);
    const plan = this.pick(PLANS);
    const pauses: Pause[] = [];
    if (this.r() < 0.06) {
      const fromDate = addDays(clockStart, this.int(3, 10));
      pauses.push({
        from: fromDate,
        to: addDays(fromDate, this.int(5, 14)),
        reason: this.r() < 0.6 ? 'PATIENT_CHOICE' : 'HEALTH',
      });
    }
    const p = this.pathway(home, area, plan, clockStart, pauses);
    const deadline = p.deadline as string;
    // The own region's plan: about two in five would miss the deadline without help; most pathways have it on file.
    const ownDate = addDays(deadline, this.int(-14, 12));
    if (this.r() < 0.75) p.expected_date = ownDate;
    p.own_expected = p.expected_date;
    let treated: string | null = null;
    let firstOffer: string | null = null;
    let on = nextWorkingDay(addDays(clockStart, this.int(3, 10)));
    // Fewer offers are arranged while the departments are on holiday.
    if (ownDate > addDays(deadline, -3) && this.r() < 0.8 * seasonFactor(on) ** 0.5) {
      const exclude = new Set<string>();
      for (let attempt = 0; attempt < 2 && !treated; attempt++) {
        const o = this.offer(p, home, on, exclude);
        if (!o) break;
        firstOffer ??= on;
        if (o.status === 'ACCEPTED') treated = o.slotDate;
        else if (this.r() < 0.45) on = nextWorkingDay(addDays(o.respondedOn, this.int(1, 4)));
        else break;
      }
    }
    treated ??= nextWorkingDay(ownDate);
    const warnOn = addDays(deadline, -7);
    if (treated > addDays(deadline, -3) && (!firstOffer || firstOffer > warnOn) && warnOn > clockStart)
      this.warning(p, warnOn);
    if (treated < this.today) {
      this.setPathway(p, at(treated, 15), this.planner(p.region_code as number), {
        status: 'TREATED',
        treated_on: treated,
        expected_date: p.expected_date ?? treated,
      });
    } else {
      this.setPathway(p, at(clockStart, 12), this.planner(p.region_code as number), {
        status: 'SCHEDULED',
        expected_date: treated,
      });
    }
  }

  /** Weekly collaboration meetings per cancer area (not in July or over Christmas) with their decisions. */
  meetingsFor(from: string, until: string): void {
    const offersByWeek = new Map<string, Record<string, unknown>[]>();
    for (const o of this.offers) {
      const key = `${String(o.cancer_area)}|${String(o.offered_on)}`;
      offersByWeek.set(key, [...(offersByWeek.get(key) ?? []), o]);
    }
    const warned = new Map<string, Record<string, unknown>[]>();
    for (const w of this.warnings) {
      const key = `${String(w.cancer_area)}|${String(w.raised_on)}`;
      warned.set(key, [...(warned.get(key) ?? []), w]);
    }
    for (let day = from; day < until; day = addDays(day, 1)) {
      if (new Date(`${day}T12:00:00Z`).getUTCDay() !== 3 || !isWorkingDay(day) || seasonFactor(day) < 0.5) continue;
      for (const area of AREAS) {
        const id = this.uuid();
        const week = Array.from({ length: 7 }, (_, i) => addDays(day, -7 + i));
        this.meetings.push({
          id,
          cancer_area: area,
          meeting_date: day,
          title: `Samarbejdsmøde ${day}`,
          created_at: at(day, 8),
        });
        this.log(at(day, 8), 'secretariat@demo.dk', 'meeting.create', 'meeting', id, { cancerArea: area, date: day });
        const decide = (kind: string, pathwayId: unknown, offerId: unknown, reason: string | null) => {
          const d = {
            id: this.uuid(),
            meeting_id: id,
            pathway_id: pathwayId,
            kind,
            offer_id: offerId,
            reason,
            decided_at: at(day, 10, this.int(0, 59)),
          };
          this.decisions.push(d);
          this.log(
            d.decided_at,
            `collab.${area.toLowerCase().replace('_', '-')}@demo.dk`,
            'meeting.decision',
            'meeting',
            id,
            { kind, pathwayId, offerId, reason },
          );
        };
        for (const o of week.flatMap((d) => offersByWeek.get(`${area}|${d}`) ?? []))
          if (this.r() < 0.6) decide('OFFER_MADE', o.pathway_id, o.id, null);
        for (const w of week.flatMap((d) => warned.get(`${area}|${d}`) ?? [])) {
          if (this.r() < 0.35)
            decide(
              'NO_ACTION',
              w.pathway_id,
              null,
              this.pick([
                'Egen region har tid inden fristen',
                'Patienten ønsker at vente',
                'Afventer svar på udredning',
              ]),
            );
        }
        if (this.r() < 0.06) decide('ESCALATE', null, null, 'Vedvarende mangel på kapacitet i området');
      }
    }
  }

  /**
   * The present as a plan for the services (demo-present.ts): free slots for the next four weeks, open pathways (some
   * at risk) and two fresh offers, chosen with the same generator after the history.
   */
  present(): DemoPresent {
    const munis = NOW_MUNICIPALITIES.map((c) => this.munis.find((m) => m.code === c)!).filter(Boolean);
    const slots: PresentSlot[] = [];
    for (const key of NOW_SLOT_PROVIDERS) {
      const p = this.providers.find((x) => x.key === key);
      if (!p) continue;
      for (let day = 2; day <= 28; day++) {
        const date = addDays(this.today, day);
        for (const area of AREAS.filter((a) => p.cancer_areas.includes(a))) {
          if (this.r() < 0.75) continue;
          const modality = this.pick(p.modalities);
          if (!this.hasAgreement(p, area, modality, date)) continue;
          let hour = this.int(8, 14);
          while (this.slotKeys.has(`${p.id}|${area}|${modality}|${date}|${hour}`)) hour++;
          this.slotKeys.add(`${p.id}|${area}|${modality}|${date}|${hour}`);
          slots.push({
            providerId: p.id,
            regionCode: p.region_code,
            kind: p.kind,
            area,
            modality,
            date,
            startsAt: at(date, hour),
          });
        }
      }
    }
    const pathways: PresentPathway[] = [];
    for (let i = 0; i < 40; i++) {
      const [phase, modality] = PLANS[i % PLANS.length];
      const home = munis[i % munis.length];
      const clockStart = addDays(this.today, -this.int(0, 19));
      const { deadline } = computeDeadline({ phase, clockStart });
      const p: PresentPathway = {
        reference: `DEMO-${String(++this.refSeq).padStart(5, '0')}`,
        homeMunicipalityCode: home.code,
        regionCode: this.effectiveRegion(home.region_code, clockStart),
        cancerArea: AREAS[i % AREAS.length],
        phase,
        modality,
        clockStart,
        deadline,
        expectedDate: null,
      };
      if (this.r() < 0.4) p.expectedDate = addDays(deadline, this.int(-6, 3));
      pathways.push(p);
    }
    // One accepted offer at another region's public hospital, one abroad the patient declined.
    const offers: PresentOffer[] = [];
    for (const [kind, accept] of [
      ['PUBLIC', true],
      ['FOREIGN', false],
    ] as const) {
      for (const p of [...pathways]
        .filter((x) => !offers.some((o) => o.pathway === x.reference))
        .sort((a, b) => a.deadline.localeCompare(b.deadline))) {
        const slot = slots.find(
          (s) =>
            s.kind === kind &&
            !offers.some((o) => o.slot === s) &&
            s.area === p.cancerArea &&
            s.modality === p.modality &&
            (s.regionCode === null || this.effectiveRegion(s.regionCode, this.today) !== p.regionCode),
        );
        if (!slot) continue;
        offers.push({
          pathway: p.reference,
          slot,
          accept,
          declineReason: accept ? null : 'ABROAD',
          note: accept ? null : 'Ønsker ikke behandling i udlandet',
        });
        break;
      }
    }
    return { slots, pathways, offers };
  }
}

/** A free slot of the present, published through CapacityService. */
export interface PresentSlot {
  providerId: string;
  regionCode: number | null;
  kind: ProviderRow['kind'];
  area: string;
  modality: string;
  date: string;
  startsAt: string;
}
/** An open pathway of the present, registered through PathwaysService. */
export interface PresentPathway {
  reference: string;
  homeMunicipalityCode: number;
  regionCode: number;
  cancerArea: string;
  phase: Phase;
  modality: string;
  clockStart: string;
  deadline: string;
  expectedDate: string | null;
}
/** A fresh offer of the present and its answer, made through OffersService. */
export interface PresentOffer {
  pathway: string;
  slot: PresentSlot;
  accept: boolean;
  declineReason: 'ABROAD' | null;
  note: string | null;
}
export interface DemoPresent {
  slots: PresentSlot[];
  pathways: PresentPathway[];
  offers: PresentOffer[];
}

/** INSERT … SELECT FROM jsonb_to_recordset: one statement per table, whatever the row count. */
async function bulk(
  m: EntityManager,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
): Promise<void> {
  const cols = Object.keys(columns);
  for (let i = 0; i < rows.length; i += 20000) {
    const chunk = rows.slice(i, i + 20000).map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
    await m.query(
      `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${cols.map((c) => `${c} ${columns[c]}`).join(', ')})`,
      [JSON.stringify(chunk)],
    );
  }
}

/** What the bulk history wrote, and the present still to make through the services (null: already seeded). */
export interface DemoActivity extends DemoActivityCounts {
  present: DemoPresent | null;
}

export interface DemoActivityCounts {
  slots: number;
  pathways: number;
  offers: number;
  warnings: number;
  meetings: number;
  decisions: number;
  auditRows: number;
}

export async function seedDemoActivity(m: EntityManager, today: string): Promise<DemoActivity> {
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM pathway`);
  if (n > 0)
    return { slots: 0, pathways: 0, offers: 0, warnings: 0, meetings: 0, decisions: 0, auditRows: 0, present: null };
  const providers: ProviderRow[] = await m.query(
    `SELECT id, key, kind, region_code, country::text AS country, lat, lon, cancer_areas, modalities FROM provider WHERE key IS NOT NULL AND active ORDER BY key`,
  );
  const agreements: AgreementRow[] = await m.query(
    `SELECT provider_id, valid_from::text AS valid_from, valid_to::text AS valid_to, cancer_areas, modalities FROM agreement ORDER BY provider_id, valid_from`,
  );
  const munis: MunicipalityRow[] = await m.query(`SELECT code, region_code, lat, lon FROM municipality ORDER BY code`);
  const regions: RegionRow[] = await m.query(
    `SELECT code, slug, valid_to::text AS valid_to, successor_code FROM region ORDER BY code`,
  );
  const demo = new Demo(today, providers, agreements, munis, regions);
  // From November the year before last, so January of last year already has pathways waiting for offers.
  const from = `${Number(today.slice(0, 4)) - 2}-11-01`;
  const until = addDays(today, -45);
  demo.history(from, until);
  demo.meetingsFor(from, addDays(today, -7));
  const present = demo.present();

  await bulk(
    m,
    'slot',
    {
      id: 'uuid',
      provider_id: 'uuid',
      cancer_area: 'text',
      modality: 'text',
      starts_at: 'timestamptz',
      duration_minutes: 'int',
      status: 'text',
    },
    demo.slots,
  );
  await bulk(
    m,
    'pathway',
    {
      id: 'uuid',
      reference: 'text',
      region_code: 'int',
      home_municipality_code: 'int',
      cancer_area: 'text',
      phase: 'text',
      modality: 'text',
      clock_start: 'date',
      expected_date: 'date',
      treated_on: 'date',
      status: 'text',
      deadline: 'date',
      base_deadline: 'date',
      paused_days: 'int',
      rule_set: 'text',
      created_at: 'timestamptz',
    },
    demo.pathways,
  );
  // Pathways first as they stood before any offer (the offer trigger snapshots the own region's expected date), then
  // the offers, then the pathways' final state.
  await m.query(
    `UPDATE pathway p SET expected_date = x.own_expected FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, own_expected date) WHERE p.id = x.id`,
    [JSON.stringify(demo.pathways.map((p) => ({ id: p.id, own_expected: p.own_expected ?? null })))],
  );
  await bulk(
    m,
    'pathway_pause',
    { id: 'uuid', pathway_id: 'uuid', from_date: 'date', to_date: 'date', reason: 'text' },
    demo.pauses,
  );
  await bulk(
    m,
    'offer',
    {
      id: 'uuid',
      pathway_id: 'uuid',
      slot_id: 'uuid',
      status: 'text',
      region_code: 'int',
      cancer_area: 'text',
      modality: 'text',
      provider_id: 'uuid',
      provider_kind: 'text',
      provider_country: 'text',
      slot_starts_at: 'timestamptz',
      slot_date: 'date',
      deadline_at_offer: 'date',
      offered_at: 'timestamptz',
      offered_on: 'date',
      expires_at: 'timestamptz',
      responded_at: 'timestamptz',
      decline_reason: 'text',
      note: 'text',
      expected_date_at_offer: 'date',
    },
    demo.offers,
  );
  await m.query(
    `UPDATE pathway p SET expected_date = x.expected_date FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, expected_date date) WHERE p.id = x.id`,
    [JSON.stringify(demo.pathways.map((p) => ({ id: p.id, expected_date: p.expected_date ?? null })))],
  );
  await bulk(
    m,
    'early_warning',
    {
      id: 'uuid',
      pathway_id: 'uuid',
      region_code: 'int',
      cancer_area: 'text',
      deadline: 'date',
      raised_on: 'date',
      created_at: 'timestamptz',
    },
    demo.warnings,
  );
  await bulk(
    m,
    'meeting',
    { id: 'uuid', cancer_area: 'text', meeting_date: 'date', title: 'text', created_at: 'timestamptz' },
    demo.meetings,
  );
  await bulk(
    m,
    'meeting_decision',
    {
      id: 'uuid',
      meeting_id: 'uuid',
      pathway_id: 'uuid',
      kind: 'text',
      offer_id: 'uuid',
      reason: 'text',
      decided_at: 'timestamptz',
    },
    demo.decisions,
  );
  demo.audit.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  await bulk(
    m,
    'audit_log',
    {
      at: 'timestamptz',
      actor_label: 'text',
      action: 'text',
      entity_type: 'text',
      entity_id: 'text',
      before: 'jsonb',
      after: 'jsonb',
    },
    demo.audit as unknown as Record<string, unknown>[],
  );
  const counts = {
    slots: demo.slots.length,
    pathways: demo.pathways.length,
    offers: demo.offers.length,
    warnings: demo.warnings.length,
    meetings: demo.meetings.length,
    decisions: demo.decisions.length,
    auditRows: demo.audit.length + 1,
  };
  await m.query(
    `INSERT INTO audit_log (actor_label, action, entity_type, entity_id, after) VALUES ('system', 'demo.seed', 'demo', 'activity', $1)`,
    [JSON.stringify(counts)],
  );
  return { ...counts, present };
}
