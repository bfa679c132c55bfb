import { CancerArea, Clock, notFound } from '@app/core';
import { Provider, ReferenceService } from '@app/reference';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import type { Location, Schedule, Slot as FhirSlot } from 'fhir/r4';
import { DataSource } from 'typeorm';
import { CapacityService } from './capacity.service';
import { parseScheduleId, toFhirSlot } from './fhir';
import { providerSchedules, toFhirLocation, toFhirSchedule } from './fhir-resources';
import { Slot, SlotStatus } from './slot.entities';

export interface ScheduleSearch {
  providerIds?: string[];
  cancerAreas?: CancerArea[];
  ids?: string[];
  since?: Date;
}

/** Rows per query while streaming a bulk Slot file. */
const BULK_PAGE = 5000;
const byNameThenId = (a: Provider, b: Provider) => a.name.localeCompare(b.name, 'da') || a.id.localeCompare(b.id);

/**
 * FHIR views of the provider register (Location), the schedules slots hang on (Schedule) and the bulk publication
 * of slots. Mappings live in fhir.ts / fhir-resources.ts; this reads the data.
 */
@Injectable()
export class FhirService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ref: ReferenceService,
    private readonly capacity: CapacityService,
    private readonly clock: Clock,
  ) {}

  /** Active providers as Locations, by name; `ids` narrows, `since` keeps those registered after it. */
  async locations(ids?: string[], since?: Date): Promise<Location[]> {
    const regions = await this.ref.regionMap();
    return (await this.activeProviders(ids, since)).map((p) => toFhirLocation(p, regions));
  }

  /** Any provider, active or not, so every Schedule.actor and Slot resolves. */
  async location(id: string): Promise<Location> {
    const [p] = isUUID(id) ? await this.ref.providersByIds([id]) : [];
    if (!p) throw notFound('Location', id);
    return toFhirLocation(p, await this.ref.regionMap());
  }

  async schedules(q: ScheduleSearch): Promise<Schedule[]> {
    const names = await this.capacity.codeDisplayNames();
    const wanted = q.ids?.map(parseScheduleId);
    if (wanted?.some((w) => !w)) return [];
    const providerIds = wanted ? [...new Set(wanted.map((w) => w!.providerId))] : q.providerIds;
    const ids = q.ids ? new Set(q.ids) : null;
    return (await this.activeProviders(providerIds, q.since))
      .flatMap((p) => providerSchedules(p, names))
      .filter((s) => !ids || ids.has(s.id!))
      .filter((s) => !q.cancerAreas || q.cancerAreas.includes(s.serviceType![0].coding![0].code as CancerArea));
  }

  /**
   * One schedule: provider × area × modality the provider offers, or that it has slots in (so a Slot's schedule
   * reference always resolves, even for a provider that no longer offers the area or is inactive).
   */
  async schedule(id: string): Promise<Schedule> {
    const key = parseScheduleId(id);
    const [p] = key ? await this.ref.providersByIds([key.providerId]) : [];
    if (!key || !p) throw notFound('Schedule', id);
    const offered = p.cancerAreas.includes(key.cancerArea) && p.modalities.includes(key.modality);
    if (!offered) {
      const rows: unknown[] = await this.db.query(
        `SELECT 1 FROM slot WHERE provider_id = $1 AND cancer_area = $2 AND modality = $3 LIMIT 1`,
        [p.id, key.cancerArea, key.modality],
      );
      if (!rows.length) throw notFound('Schedule', id);
    }
    return toFhirSchedule(p, key.cancerArea, key.modality, await this.capacity.codeDisplayNames());
  }

  /**
   * The bulk Slot file of one cancer area, page by page. Without `since`: every FREE slot still ahead. With `since`:
   * every slot changed after it, so a mirror also learns which slots stopped being free. Only free/busy is published
   * (SMART Scheduling Links): whether a busy slot is held, booked or withdrawn is not the mirror's business.
   */
  async *bulkSlots(area: CancerArea, since?: Date): AsyncGenerator<FhirSlot[]> {
    const names = await this.capacity.codeDisplayNames();
    const providerNames = new Map<string, string>();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const qb = this.db
        .getRepository(Slot)
        .createQueryBuilder('s')
        .where('s.cancer_area = :area', { area })
        .andWhere('s.id > :after', { after });
      if (since) qb.andWhere('s.updated_at > :since', { since });
      else qb.andWhere(`s.status = :free AND s.starts_at > :now`, { free: SlotStatus.FREE, now: this.clock.now() });
      const slots = await qb.orderBy('s.id').limit(BULK_PAGE).getMany();
      if (!slots.length) return;
      const missing = [...new Set(slots.map((s) => s.providerId).filter((id) => !providerNames.has(id)))];
      if (missing.length) for (const p of await this.ref.providersByIds(missing)) providerNames.set(p.id, p.name);
      const now = this.clock.now().getTime();
      yield slots.map((s) => {
        const r = toFhirSlot(s, providerNames.get(s.providerId), names);
        r.status = s.status === SlotStatus.FREE && s.starts.getTime() > now ? 'free' : 'busy';
        return r;
      });
      if (slots.length < BULK_PAGE) return;
      after = slots[slots.length - 1].id;
    }
  }

  private async activeProviders(ids?: string[], since?: Date): Promise<Provider[]> {
    let ps = await this.ref.providers();
    if (ids) {
      const wanted = new Set(ids);
      ps = ps.filter((p) => wanted.has(p.id));
    }
    if (since) ps = ps.filter((p) => p.createdAt > since);
    return ps.sort(byNameThenId);
  }
}
