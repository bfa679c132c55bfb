import { AuditCriterion, AuditFinding, auditPopulation, AuditsModule, SampleAuditsService } from '@app/audits';
import { CapacityModule, CapacityService } from '@app/capacity';
import { Actor, CancerArea, Clock, CoreModule, loadConfig, Modality, OutboxService, Role, UserEntity } from '@app/core';
import { addDays, type ISODate } from '@app/deadline';
import { DeclineReason, OfferResponse, OffersModule, OffersService, pathwaysOfferedBy } from '@app/offers';
import { EarlyWarningService, PathwayPhase, PathwaysModule, PathwaysService, PathwayStatus } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DemoPresent, PresentSlot } from './demo-activity';

/** Where the services' outbox jobs go while the demo is made (the worker started next picks up the rest). */
export interface DemoQueue {
  redisUrl: string;
  prefix?: string;
}

/** The domain services without HTTP or job processors: what the demo's present is made through. */
@Module({})
class DemoServicesModule {
  static forRoot(databaseUrl: string, queue: DemoQueue): DynamicModule {
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      REDIS_URL: queue.redisUrl,
      ...(queue.prefix ? { QUEUE_PREFIX: queue.prefix } : {}),
      // No tokens are issued here (no HTTP), but the shared config requires a secret.
      JWT_SECRET: 'demo-seed-issues-no-tokens-demo-seed-issues-no-tokens',
      DEMO_MODE: 'true',
      LOG_LEVEL: 'warn',
    });
    return {
      module: DemoServicesModule,
      imports: [
        CoreModule.forRoot(config),
        ReferenceModule,
        CapacityModule,
        PathwaysModule,
        OffersModule,
        AuditsModule,
      ],
    };
  }
}

const SECRETARIAT = 'secretariat@demo.dk';

/**
 * The demo's present, made through the services as the demo users (each change in its transaction and its audit
 * rows, as through the API): the planned free slots published, the open pathways registered, the two fresh offers
 * made and answered, travel preferences recorded on every other open pathway, an early-warning sweep requested,
 * and last year's closed sample audit (with the Clock set to the days it was started, assessed and closed).
 */
export async function seedDemoPresent(
  databaseUrl: string,
  queue: DemoQueue,
  present: DemoPresent,
  today: ISODate,
): Promise<void> {
  const app = await NestFactory.createApplicationContext(DemoServicesModule.forRoot(databaseUrl, queue), {
    logger: ['error', 'warn'],
  });
  try {
    const actors = await demoActors(app.get<DataSource>(getDataSourceToken()));
    const actorOf = (email: string) => {
      const a = actors.get(email);
      if (!a) throw new Error(`demo user ${email} is missing`);
      return a;
    };
    const plannerOf = (regionCode: number | null) =>
      regionCode === null
        ? actorOf(SECRETARIAT)
        : [...actors.values()].find((a) => a.role === Role.PLANNER && a.regionCode === regionCode)!;

    const slotIds = await publishSlots(app.get(CapacityService), present.slots, plannerOf);
    const pathways = app.get(PathwaysService);
    const pathwayIds = new Map<string, string>();
    for (const p of present.pathways) {
      const registered = await pathways.register(plannerOf(p.regionCode), {
        reference: p.reference,
        homeMunicipalityCode: p.homeMunicipalityCode,
        cancerArea: p.cancerArea as CancerArea,
        phase: p.phase as PathwayPhase,
        modality: p.modality as Modality,
        clockStart: p.clockStart,
        expectedDate: p.expectedDate,
      });
      pathwayIds.set(p.reference, registered.id);
    }

    const offers = app.get(OffersService);
    for (const o of present.offers) {
      const planner = plannerOf(present.pathways.find((p) => p.reference === o.pathway)!.regionCode);
      const made = await offers.create(planner, {
        pathwayId: pathwayIds.get(o.pathway)!,
        slotId: slotIds.get(o.slot)!,
      });
      await offers.respond(planner, {
        offerId: made.id,
        response: o.accept ? OfferResponse.ACCEPTED : OfferResponse.DECLINED,
        ...(o.declineReason ? { declineReason: DeclineReason[o.declineReason] } : {}),
        ...(o.note ? { note: o.note } : {}),
      });
    }

    // Every other open pathway (by reference) has told the planner how far it will travel, whether abroad or
    // privately, or from which day it can come: matching shows what these exclude.
    const open = (await pathways.byIds([...pathwayIds.values()]))
      .filter((p) => p.status === PathwayStatus.WAITING || p.status === PathwayStatus.OFFERED)
      .sort((a, b) => a.reference.localeCompare(b.reference));
    for (const [i, p] of open.entries()) {
      const n = i + 1;
      if (n % 2 !== 0) continue;
      await pathways.update(plannerOf(p.regionCode), {
        pathwayId: p.id,
        maxTravelKm: n % 5 === 0 ? 80 : n % 5 === 2 ? 150 : null,
        acceptsAbroad: n % 3 === 0 ? false : n % 3 === 1 ? true : null,
        acceptsPrivate: n % 7 === 0 ? false : null,
        notBefore: n % 11 === 4 ? addDays(today, 10) : null,
      });
    }

    // Issue 16: a fresh demo shows warnings right after start (the worker runs the sweep).
    await app.get(EarlyWarningService).requestSweep(actorOf(SECRETARIAT));

    await lastYearsSampleAudit(app, actorOf(SECRETARIAT), Number(today.slice(0, 4)) - 1);
    await app
      .get(OutboxService)
      .dispatchPending()
      .catch(() => 0);
  } finally {
    app.get(Clock).reset();
    await app.close();
  }
}

/** The planned slots, one publishSlots call per provider, area and modality, by the provider region's planner. */
async function publishSlots(
  capacity: CapacityService,
  slots: PresentSlot[],
  plannerOf: (regionCode: number | null) => Actor,
): Promise<Map<PresentSlot, string>> {
  const groups = new Map<string, PresentSlot[]>();
  for (const s of slots) {
    const key = `${s.providerId}|${s.area}|${s.modality}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const ids = new Map<PresentSlot, string>();
  for (const group of groups.values()) {
    const [{ providerId, area, modality, regionCode }] = group;
    const published = await capacity.publishSlots(plannerOf(regionCode), {
      providerId,
      cancerArea: area as CancerArea,
      modality: modality as Modality,
      durationMinutes: 60,
      starts: group.map((s) => new Date(s.startsAt)),
    });
    for (const s of group) ids.set(s, published.find((p) => p.starts.getTime() === Date.parse(s.startsAt))!.id);
  }
  return ids;
}

/**
 * One closed sample audit of last year (breast cancer, treated after the deadline) through SampleAuditsService, with
 * a stated seed and a finding per sampled pathway (MET when an offer was made before the deadline), so the report's
 * "Stikprøver" has content. The Clock is set to the days the secretariat started, assessed and closed it.
 */
async function lastYearsSampleAudit(app: INestApplicationContext, secretariat: Actor, year: number): Promise<void> {
  const clock = app.get(Clock);
  const audits = app.get(SampleAuditsService);
  const db = app.get<DataSource>(getDataSourceToken());
  const period = { from: `${year}-01-01`, to: `${year}-06-30` };
  clock.set(`${year}-08-15T08:00:00Z`);
  const population = await auditPopulation(
    db,
    CancerArea.BREAST,
    AuditCriterion.TREATED_LATE,
    period.from,
    period.to,
    clock.today(),
  );
  if (!population.length) return; // no breast pathway treated late in the period: nothing to audit
  const audit = await audits.start(secretariat, {
    title: `Brystkræft behandlet efter fristen, 1. halvår ${year}`,
    cancerArea: CancerArea.BREAST,
    criterion: AuditCriterion.TREATED_LATE,
    ...period,
    seed: 20260611,
    perRegion: 2,
  });
  const sample = await audits.sampleOf([audit.id]);
  const pathways = await app.get(PathwaysService).byIds(sample.map((s) => s.pathwayId));
  const withOffer = await pathwaysOfferedBy(
    db,
    pathways.map((p) => ({ id: p.id, day: p.deadline })),
  );
  for (const [i, s] of sample.entries()) {
    clock.set(`${year}-08-${String(20 + (i % 9)).padStart(2, '0')}T10:00:00Z`);
    const finding = withOffer.has(s.pathwayId)
      ? AuditFinding.MET
      : i % 3 === 2
        ? AuditFinding.UNCLEAR
        : AuditFinding.NOT_MET;
    await audits.recordFinding(secretariat, {
      auditId: audit.id,
      pathwayId: s.pathwayId,
      finding,
      ...(finding === AuditFinding.MET
        ? {}
        : {
            note:
              finding === AuditFinding.UNCLEAR
                ? 'Journalen viser ikke, om patienten blev tilbudt behandling andetsteds'
                : 'Intet tilbud om behandling andetsteds inden fristen',
          }),
    });
  }
  clock.set(`${year}-09-01T13:00:00Z`);
  await audits.close(secretariat, {
    auditId: audit.id,
    conclusion:
      'Tilbud blev som regel givet, men for sent i forløbet; regionerne bør visitere til andre regioner, så snart egen tid ligger efter fristen.',
  });
}

async function demoActors(ds: DataSource): Promise<Map<string, Actor>> {
  const users = await ds.getRepository(UserEntity).find({ where: { demo: true } });
  return new Map(
    users.map((u) => [
      u.email,
      { userId: u.id, email: u.email, role: u.role, regionCode: u.regionCode, cancerAreas: u.cancerAreas },
    ]),
  );
}
