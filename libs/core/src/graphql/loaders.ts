import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders: the GraphQL context carries one map, so each relation is fetched once per request
 * in one batched query instead of once per parent (N+1).
 */
export type LoaderMap = Map<string, DataLoader<unknown, unknown>>;

export interface GqlContext {
  req: { headers: Record<string, string | undefined>; actor?: unknown; loaders?: LoaderMap };
}

export function loader<K, V>(
  ctx: GqlContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  const map = (ctx.req.loaders ??= new Map());
  let l = map.get(name) as DataLoader<K, V> | undefined;
  if (!l) {
    l = new DataLoader<K, V>(batch, { cache: true });
    map.set(name, l);
  }
  return l;
}

/** Groups rows by key in the order of `keys` (for one-to-many loaders). */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): V[][] {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const arr = m.get(k);
    if (arr) arr.push(r);
    else m.set(k, [r]);
  }
  return keys.map((k) => m.get(k) ?? []);
}

/** Maps rows to keys in the order of `keys` (for many-to-one loaders); missing → null. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] {
  const m = new Map<K, V>(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => m.get(k) ?? null);
}
