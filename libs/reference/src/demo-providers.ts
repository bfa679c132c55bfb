import { EntityManager } from 'typeorm';
import agreements from './data/agreements.json';
import providers from './data/providers.json';
import { Agreement, Provider } from './reference.entities';

/** Loads the demo providers and agreements (demo mode and tests only); idempotent by provider key. */
export async function seedDemoProviders(m: EntityManager): Promise<{ providers: number; agreements: number }> {
  let np = 0;
  let na = 0;
  const idByKey = new Map<string, string>();
  for (const p of providers) {
    const existing = await m.findOne(Provider, { where: { key: p.key } });
    if (existing) {
      idByKey.set(p.key, existing.id);
      continue;
    }
    const saved = await m.save(Provider, m.create(Provider, { ...p, active: true } as Partial<Provider>));
    idByKey.set(p.key, saved.id);
    np++;
    for (const a of agreements.filter((x) => x.providerKey === p.key)) {
      const { providerKey: _key, ...rest } = a;
      await m.save(Agreement, m.create(Agreement, { ...rest, providerId: saved.id } as Partial<Agreement>));
      na++;
    }
  }
  return { providers: np, agreements: na };
}
