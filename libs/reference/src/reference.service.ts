import { Actor, AuditService, badInput, cachedLoad, Clock, notFound, ProviderKind, query } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AgreementFilter,
  CreateAgreementInput,
  CreateProviderInput,
  ProviderFilter,
  UpdateAgreementInput,
  UpdateProviderInput,
} from './dto/reference.inputs';
import { Agreement, Municipality, Provider, Region } from './reference.entities';
import { effectiveRegionCode, regionCodesRepresentedBy } from './region-calendar';

@Injectable()
export class ReferenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Regions and municipalities change only by migration, so they are cached for the process lifetime. */
  readonly regionMap = cachedLoad(async () => {
    const rs = await this.db.getRepository(Region).find({ order: { code: 'ASC' } });
    return new Map(rs.map((r) => [r.code, r]));
  });

  readonly municipalityMap = cachedLoad(async () => {
    const ms = await this.db.getRepository(Municipality).find({ order: { code: 'ASC' } });
    return new Map(ms.map((m) => [m.code, m]));
  });

  /** Danish names of the cancer area and modality codes (reference tables change only by migration). */
  readonly codeNames = cachedLoad(
    async (): Promise<{ cancerAreas: Map<string, string>; modalities: Map<string, string> }> => {
      const [areas, modalities] = await Promise.all([
        query<{ code: string; name_da: string }>(this.db, `SELECT code, name_da FROM cancer_area`),
        query<{ code: string; name_da: string }>(this.db, `SELECT code, name_da FROM modality`),
      ]);
      return {
        cancerAreas: new Map(areas.map((r) => [r.code, r.name_da])),
        modalities: new Map(modalities.map((r) => [r.code, r.name_da])),
      };
    },
  );

  async regions(on?: string): Promise<Region[]> {
    const all = [...(await this.regionMap()).values()];
    if (!on) return all;
    return all.filter((r) => (!r.validFrom || r.validFrom <= on) && (!r.validTo || on <= r.validTo));
  }

  async effectiveRegion(code: number, on: string = this.clock.today()): Promise<number> {
    return effectiveRegionCode(await this.regionMap(), code, on);
  }

  async regionCodesFor(code: number, on: string = this.clock.today()): Promise<number[]> {
    return regionCodesRepresentedBy(await this.regionMap(), code, on);
  }

  async municipality(code: number): Promise<Municipality> {
    const m = (await this.municipalityMap()).get(code);
    if (!m) throw badInput('homeMunicipalityCode', `${code} is not a Danish municipality code`);
    return m;
  }

  async municipalities(regionCode?: number): Promise<Municipality[]> {
    const all = [...(await this.municipalityMap()).values()];
    if (regionCode === undefined) return all;
    const codes = await this.regionCodesFor(regionCode);
    return all.filter((m) => codes.includes(m.regionCode));
  }

  /** Distance home municipality → provider in the exchange's one measure (SQL geo_distance_km, 0.1 km). */
  async distanceKm(municipalityCode: number, providerId: string, m: EntityManager = this.db.manager): Promise<number> {
    const rows: { km: number }[] = await m.query(
      `SELECT geo_distance_km(mu.lat, mu.lon, p.lat, p.lon) AS km FROM municipality mu, provider p WHERE mu.code = $1 AND p.id = $2`,
      [municipalityCode, providerId],
    );
    if (!rows[0]) throw notFound('Provider', providerId);
    return rows[0].km;
  }

  async provider(id: string): Promise<Provider> {
    const p = await this.db.getRepository(Provider).findOne({ where: { id } });
    if (!p) throw notFound('Provider', id);
    return p;
  }

  providersByIds(ids: readonly string[]): Promise<Provider[]> {
    return this.db.getRepository(Provider).find({ where: { id: In([...ids]) } });
  }

  async providers(f: ProviderFilter = {}): Promise<Provider[]> {
    const qb = this.db.getRepository(Provider).createQueryBuilder('p').where('p.active');
    if (f.kind) qb.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.regionCode !== undefined)
      qb.andWhere('p.region_code = ANY(:rc)', { rc: await this.regionCodesFor(f.regionCode) });
    if (f.cancerArea) qb.andWhere(':area = ANY(p.cancer_areas)', { area: f.cancerArea });
    if (f.modality) qb.andWhere(':mod = ANY(p.modalities)', { mod: f.modality });
    if (f.country) qb.andWhere('p.country = :country', { country: f.country });
    return qb.orderBy('p.kind').addOrderBy('p.region_code', 'ASC', 'NULLS LAST').addOrderBy('p.name').getMany();
  }

  agreements(f: AgreementFilter = {}): Promise<Agreement[]> {
    const qb = this.db.getRepository(Agreement).createQueryBuilder('a');
    if (f.providerId) qb.andWhere('a.provider_id = :pid', { pid: f.providerId });
    if (f.validOn) qb.andWhere(':on BETWEEN a.valid_from AND a.valid_to', { on: f.validOn });
    if (f.cancerArea) qb.andWhere(':area = ANY(a.cancer_areas)', { area: f.cancerArea });
    if (f.modality) qb.andWhere(':mod = ANY(a.modalities)', { mod: f.modality });
    return qb.orderBy('a.provider_id').addOrderBy('a.valid_from').getMany();
  }

  agreementsByProviderIds(ids: readonly string[]): Promise<Agreement[]> {
    return this.db.getRepository(Agreement).find({ where: { providerId: In([...ids]) }, order: { validFrom: 'ASC' } });
  }

  async createProvider(actor: Actor, input: CreateProviderInput): Promise<Provider> {
    const isForeign = input.kind === ProviderKind.FOREIGN;
    if (isForeign && input.regionCode) throw badInput('regionCode', 'A foreign provider has no Danish region');
    if (!isForeign && !input.regionCode) throw badInput('regionCode', 'A Danish provider needs its region');
    if (!isForeign && input.country !== 'DK')
      throw badInput('country', 'PUBLIC and PRIVATE providers are in Denmark (DK)');
    if (isForeign && input.country === 'DK') throw badInput('country', 'A FOREIGN provider is outside Denmark');
    if (input.regionCode && !(await this.regionMap()).has(input.regionCode)) {
      throw badInput('regionCode', `${input.regionCode} is not a region code`);
    }
    return this.db.transaction(async (m) => {
      if (input.key && (await m.findOne(Provider, { where: { key: input.key } }))) {
        throw badInput('key', `A provider with key ${input.key} already exists`);
      }
      const p = await m.save(
        Provider,
        m.create(Provider, { ...input, key: input.key ?? null, regionCode: input.regionCode ?? null, active: true }),
      );
      await this.audit.record(m, actor, {
        action: 'provider.create',
        entityType: 'provider',
        entityId: p.id,
        after: p,
      });
      return p;
    });
  }

  async createAgreement(actor: Actor, input: CreateAgreementInput): Promise<Agreement> {
    if (input.validTo < input.validFrom) throw badInput('validTo', 'validTo is before validFrom');
    return this.db.transaction(async (m) => {
      const p = await m.findOne(Provider, { where: { id: input.providerId } });
      if (!p) throw notFound('Provider', input.providerId);
      if (p.kind === ProviderKind.PUBLIC)
        throw badInput('providerId', 'Agreements are for PRIVATE and FOREIGN providers');
      const missingArea = input.cancerAreas.find((a) => !p.cancerAreas.includes(a));
      if (missingArea) throw badInput('cancerAreas', `${p.name} does not offer ${missingArea}`);
      const missingMod = input.modalities.find((x) => !p.modalities.includes(x));
      if (missingMod) throw badInput('modalities', `${p.name} does not offer ${missingMod}`);
      const a = await m.save(
        Agreement,
        m.create(Agreement, { ...input, pricePerCourseDkk: input.pricePerCourseDkk ?? null, notes: input.notes ?? '' }),
      );
      await this.audit.record(m, actor, {
        action: 'agreement.create',
        entityType: 'agreement',
        entityId: a.id,
        after: a,
      });
      return a;
    });
  }

  /** Edit a provider (name, position, areas, modalities); its agreements must stay within what it offers. */
  async updateProvider(actor: Actor, input: UpdateProviderInput): Promise<Provider> {
    return this.db.transaction(async (m) => {
      const before = await m.findOne(Provider, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw notFound('Provider', input.id);
      const after: Provider = Object.assign(
        new Provider(),
        before,
        stripUndefined({
          name: input.name,
          lat: input.lat,
          lon: input.lon,
          cancerAreas: input.cancerAreas,
          modalities: input.modalities,
        }),
      );
      const agreements = await m.find(Agreement, { where: { providerId: before.id } });
      const area = agreements.flatMap((a) => a.cancerAreas).find((x) => !after.cancerAreas.includes(x));
      if (area) throw badInput('cancerAreas', `An agreement with ${before.name} still covers ${area}`);
      const mod = agreements.flatMap((a) => a.modalities).find((x) => !after.modalities.includes(x));
      if (mod) throw badInput('modalities', `An agreement with ${before.name} still covers ${mod}`);
      const saved = await m.save(Provider, after);
      await this.audit.record(m, actor, {
        action: 'provider.update',
        entityType: 'provider',
        entityId: saved.id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  /** Edit an agreement (extend or end its validity, areas, modalities, price, notes) within what the provider offers. */
  async updateAgreement(actor: Actor, input: UpdateAgreementInput): Promise<Agreement> {
    return this.db.transaction(async (m) => {
      const before = await m.findOne(Agreement, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw notFound('Agreement', input.id);
      const after: Agreement = Object.assign(
        new Agreement(),
        before,
        stripUndefined({
          validFrom: input.validFrom,
          validTo: input.validTo,
          cancerAreas: input.cancerAreas,
          modalities: input.modalities,
          pricePerCourseDkk: input.pricePerCourseDkk,
          notes: input.notes,
        }),
      );
      if (after.validTo < after.validFrom) throw badInput('validTo', 'validTo is before validFrom');
      const p = await m.findOneOrFail(Provider, { where: { id: before.providerId } });
      const missingArea = after.cancerAreas.find((a) => !p.cancerAreas.includes(a));
      if (missingArea) throw badInput('cancerAreas', `${p.name} does not offer ${missingArea}`);
      const missingMod = after.modalities.find((x) => !p.modalities.includes(x));
      if (missingMod) throw badInput('modalities', `${p.name} does not offer ${missingMod}`);
      const saved = await m.save(Agreement, after);
      await this.audit.record(m, actor, {
        action: 'agreement.update',
        entityType: 'agreement',
        entityId: saved.id,
        before,
        after: saved,
      });
      return saved;
    });
  }
}

/** Input fields left out (undefined) keep their value; null is a value (it clears a nullable column). */
function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
