import { addDays, todayInCopenhagen } from '@app/deadline';
import { bootApp, GqlResult, TestApp } from './support/harness';

/**
 * One paging convention for every list (README, "API conventions"): for each paged list, the default page, a walk over
 * all pages, the errors for a bad `first` or `after`, and totalCount with and without a filter, against an oracle:
 * the documented order written out in SQL over the same tables (as the secretariat, who sees every row).
 */
const SECRETARIAT = 'secretariat@demo.dk';
const PLANNER = 'planner.hovedstaden@demo.dk';
const DAY = 86_400_000;
const ROWS = 55; // more than one default page of each list

interface ListCase {
  /** Query field, e.g. `offers`. */
  field: string;
  /** Extra arguments besides filter/first/after, e.g. `orderBy: EXPIRES_ASC`. */
  args?: string;
  /** The GraphQL literal of a filter that keeps some rows but not all. */
  filter: string;
  /** Ids in the documented order, optionally with the SQL condition equivalent to `filter`. */
  oracle: (filtered: boolean) => Promise<string[]>;
}

describe('paging: one convention for every list', () => {
  let app: TestApp;
  const ids = (sql: string) => app.db.query(sql).then((rows: { id: string }[]) => rows.map((r) => String(r.id)));

  const LISTS: ListCase[] = [
    {
      field: 'slots',
      filter: '{cancerArea: LUNG}',
      oracle: (f) =>
        ids(`SELECT id FROM slot WHERE status = 'FREE' ${f ? "AND cancer_area = 'LUNG'" : ''} ORDER BY starts_at, id`),
    },
    {
      field: 'pathways',
      filter: '{phase: DIAGNOSTIC}',
      oracle: (f) => ids(`SELECT id FROM pathway ${f ? "WHERE phase = 'DIAGNOSTIC'" : ''} ORDER BY deadline, id`),
    },
    ...(['DEADLINE_ASC', 'DEADLINE_DESC', 'RAISED_DESC'] as const).map((order) => ({
      field: 'warnings',
      args: `orderBy: ${order}`,
      filter: `{since: "2030-01-02"}`,
      oracle: (f: boolean) =>
        ids(
          `SELECT id FROM early_warning ${f ? "WHERE raised_on >= '2030-01-02'" : ''} ORDER BY ${
            {
              DEADLINE_ASC: 'deadline, id',
              DEADLINE_DESC: 'deadline DESC, id DESC',
              RAISED_DESC: 'raised_on DESC, id DESC',
            }[order]
          }`,
        ),
    })),
    {
      field: 'offers',
      filter: '{status: DECLINED}',
      oracle: (f) =>
        ids(`SELECT id FROM offer ${f ? "WHERE status = 'DECLINED'" : ''} ORDER BY offered_at DESC, id DESC`),
    },
    {
      field: 'offers',
      args: 'orderBy: EXPIRES_ASC',
      filter: '{status: PENDING}',
      oracle: (f) => ids(`SELECT id FROM offer ${f ? "WHERE status = 'PENDING'" : ''} ORDER BY expires_at, id`),
    },
    {
      field: 'meetings',
      filter: '{cancerArea: LUNG}',
      oracle: (f) =>
        ids(`SELECT id FROM meeting ${f ? "WHERE cancer_area = 'LUNG'" : ''} ORDER BY meeting_date DESC, id DESC`),
    },
    {
      field: 'auditLog',
      filter: '{entityType: "offer"}',
      oracle: (f) =>
        ids(`SELECT id FROM audit_log ${f ? "WHERE entity_type = 'offer'" : ''} ORDER BY at DESC, id DESC`),
    },
    {
      field: 'reports',
      filter: '',
      oracle: (f) =>
        ids(
          `SELECT id FROM report WHERE status = 'DONE' ${f ? 'AND year = 2029' : ''}
           ORDER BY year DESC, coalesce(quarter, 5) DESC, created_at DESC, id DESC`,
        ),
    },
    {
      field: 'sampleAudits',
      filter: '{status: CLOSED}',
      oracle: (f) =>
        ids(`SELECT id FROM sample_audit ${f ? "WHERE status = 'CLOSED'" : ''} ORDER BY created_at DESC, id DESC`),
    },
  ];

  /** One page of a list as the secretariat: ids, pageInfo, totalCount (or the errors). */
  const page = (c: ListCase, opts: { first?: number; after?: string | null; filtered?: boolean }) => {
    const filter = opts.filtered ? (c.field === 'reports' ? 'year: 2029' : `filter: ${c.filter}`) : '';
    const args = [c.args, filter, 'first: $first', 'after: $after'].filter(Boolean).join(', ');
    return app.gql<Record<string, any>>(
      `query($first: Int, $after: String) { ${c.field}(${args}) { nodes { id } pageInfo { endCursor hasNextPage } totalCount } }`,
      { ...(opts.first === undefined ? {} : { first: opts.first }), after: opts.after ?? null },
      SECRETARIAT,
    );
  };
  const dataOf = (r: GqlResult<Record<string, any>>, c: ListCase) => {
    if (r.errors?.length) throw new Error(`${c.field}: ${JSON.stringify(r.errors)}`);
    return r.data![c.field] as {
      nodes: { id: string }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      totalCount: number;
    };
  };

  beforeAll(async () => {
    app = await bootApp({ worker: false });
    await app.token(SECRETARIAT);
    const today = todayInCopenhagen();
    // Pathways (two referral dates, so many share a deadline and the id decides), each with one offer and a warning.
    const pathways: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      const p = await app.registerPathway(PLANNER, {
        clockStart: addDays(today, -(4 + (i % 2))),
        ...(i % 3 === 0 ? { phase: 'DIAGNOSTIC', modality: 'DIAGNOSTIC' } : {}),
      });
      pathways.push(p.id);
    }
    // Two thirds get an offer (diagnostic pathways would need diagnostic slots); every other one is declined and
    // offered again.
    const offer = async (pathwayId: string, minute: number) => {
      const slotId = await app.insertSlot('rm-aarhus-universitetshospital', { inMs: 9 * DAY + minute * 60_000 });
      const o = await app.ok<any>(
        `mutation($i: CreateOfferInput!) { createOffer(input: $i) { id } }`,
        { i: { pathwayId, slotId } },
        PLANNER,
      );
      return o.createOffer.id as string;
    };
    for (const [i, id] of pathways.entries()) {
      if (i % 3 === 0) continue;
      const first = await offer(id, i);
      if (i % 2) continue;
      await app.ok(
        `mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { id } }`,
        { i: { offerId: first, response: 'DECLINED', declineReason: 'TIMING' } },
        PLANNER,
      );
      await offer(id, 100 + i);
    }
    // Free slots: many at the same start (the id decides), some LUNG for the filter.
    for (let i = 0; i < ROWS; i++) {
      await app.insertSlot(
        'rsd-odense-universitetshospital',
        { date: addDays(today, 20 + (i % 4)) },
        i % 5 ? 'BREAST' : 'LUNG',
      );
    }
    await app.db.query(
      `INSERT INTO early_warning (pathway_id, region_code, cancer_area, deadline, raised_on)
       SELECT id, region_code, cancer_area, deadline, date '2030-01-01' + (row_number() OVER (ORDER BY id) % 3)::int
         FROM pathway WHERE id = ANY($1)`,
      [pathways],
    );
    await app.db.query(
      `INSERT INTO meeting (cancer_area, meeting_date, title)
       SELECT (ARRAY['BREAST','LUNG'])[1 + g % 2], date '2031-01-05' + (g % 4), 'Pagingmøde ' || g FROM generate_series(1, $1) g`,
      [ROWS],
    );
    // Finished reports with ties on year, quarter and creation time (a microsecond apart), and some not finished.
    await app.db.query(
      `INSERT INTO report (year, quarter, status, progress, sha256, created_at)
       SELECT 2030 - g % 3, CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 4 END, 'DONE', 100, md5(g::text),
              timestamptz '2030-06-01 12:00:00.000001+00' + (g % 2) * interval '1 microsecond'
         FROM generate_series(1, $1) g`,
      [ROWS],
    );
    await app.db.query(`INSERT INTO report (year, status) SELECT 2029, 'QUEUED' FROM generate_series(1, 3)`);
    // Audit history loaded in bulk after the services wrote theirs (as the demo does): higher ids, older times, many
    // sharing an instant (the id decides), some on offers for the filter.
    await app.db.query(
      `INSERT INTO audit_log (actor_label, action, entity_type, entity_id, at)
       SELECT 'system', 'paging.history', CASE WHEN g % 2 = 0 THEN 'offer' ELSE 'pathway' END, 'paging-history-' || g,
              timestamptz '2025-03-01 12:00:00.000001+00' - (g % 4) * interval '1 day'
         FROM generate_series(1, $1) g`,
      [ROWS],
    );
    // Sample audits, many started in the same microsecond (the id decides), every third closed.
    await app.db.query(
      `INSERT INTO sample_audit (title, cancer_area, criterion, period_from, period_to, seed, per_region, as_of,
                                 population, strata, status, created_at, closed_at)
       SELECT 'Pagingstikprøve ' || g, 'LUNG', 'TREATED_LATE', date '2030-01-01', date '2030-06-30', g, 1,
              date '2030-07-01', 0, '[]', CASE WHEN g % 3 = 0 THEN 'CLOSED' ELSE 'OPEN' END,
              timestamptz '2030-07-01 12:00:00.000001+00' + (g % 2) * interval '1 microsecond',
              CASE WHEN g % 3 = 0 THEN timestamptz '2030-07-02 12:00:00+00' END
         FROM generate_series(1, $1) g`,
      [ROWS],
    );
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  const named = LISTS.map((c) => [`${c.field}${c.args ? ` (${c.args})` : ''}`, c] as const);

  it.each(named)('%s: the default page is the first 50 rows in the documented order', async (_, c) => {
    const expected = await c.oracle(false);
    expect(expected.length).toBeGreaterThan(50);
    const first = dataOf(await page(c, {}), c);
    expect(first.nodes.map((n) => n.id)).toEqual(expected.slice(0, 50));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(expected.length);
  });

  it.each(named)('%s: walking every page with after returns each row once, in order, totalCount rows', async (_, c) => {
    for (const filtered of [false, true]) {
      const expected = await c.oracle(filtered);
      const size = Math.min(200, Math.max(7, Math.ceil(expected.length / 12)));
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 100; i++) {
        const p = dataOf(await page(c, { first: size, after, filtered }), c);
        expect(p.totalCount).toBe(expected.length);
        expect(p.nodes.length).toBeLessThanOrEqual(size);
        seen.push(...p.nodes.map((n) => n.id));
        if (!p.pageInfo.hasNextPage) break;
        expect(p.nodes.length).toBe(size);
        after = p.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
  });

  it.each(named)('%s: totalCount respects the filter', async (_, c) => {
    const [all, some] = [await c.oracle(false), await c.oracle(true)];
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan(all.length);
    expect(dataOf(await page(c, { first: 1, filtered: true }), c).totalCount).toBe(some.length);
    expect(dataOf(await page(c, { first: 1 }), c).totalCount).toBe(all.length);
  });

  it('first: 0, first: 201 and a garbage after give the same typed error on every list', async () => {
    const errors = new Map<string, { code?: string; field?: string; message: string }[]>();
    for (const [name, c] of named) {
      for (const [what, opts] of [
        ['first 0', { first: 0 }],
        ['first 201', { first: 201 }],
        ['first -1', { first: -1 }],
        ['garbage after', { after: 'bm9wZQ' }],
        ['after of another kind', { after: Buffer.from('["x"]').toString('base64url') }],
      ] as const) {
        const r = await page(c, opts);
        expect([name, what, r.data]).toEqual([name, what, null]);
        const e = r.errors![0];
        const list = errors.get(what) ?? [];
        list.push({ code: e.extensions?.code, field: e.extensions?.field, message: e.message });
        errors.set(what, list);
      }
    }
    for (const [what, list] of errors) {
      const field = what.includes('after') ? 'after' : 'first';
      for (const e of list) expect([what, e.code, e.field]).toEqual([what, 'BAD_USER_INPUT', field]);
      expect(new Set(list.map((e) => e.message)).size).toBe(1);
    }
    expect(errors.get('first 201')![0].message).toMatch(/1 to 200/);
  });

  it.each([...new Set(LISTS.map((c) => c.field))])('%s is priced by first in the query cost', async (field) => {
    // 13 pages of 200 cost 13 × (1 + 200 + 200) > 5,000; of 5 they cost 13 × 11.
    const aliased = (first: number) =>
      `{ ${Array.from({ length: 13 }, (_, i) => `p${i}: ${field}(first: ${first}) { nodes { id } }`).join(' ')} }`;
    const big = await app.gql(aliased(200), {}, SECRETARIAT);
    expect(big.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(big.errors?.[0].message).toMatch(/Query cost \d+ exceeds the limit of 5000/);
    expect((await app.gql(aliased(5), {}, SECRETARIAT)).errors).toBeUndefined();
  });

  it('auditLog is ordered by when the change happened, not by id: bulk-loaded older history comes after newer entries', async () => {
    const [{ older, newer }] = await app.db.query(
      `SELECT (SELECT min(id) FROM audit_log WHERE action = 'paging.history')::text AS older,
              (SELECT max(id) FROM audit_log WHERE action <> 'paging.history')::text AS newer`,
    );
    // The precondition the order is about: the older entry has the higher id.
    expect(BigInt(older)).toBeGreaterThan(BigInt(newer));
    const seen: { id: string; at: string }[] = [];
    let after: string | null = null;
    do {
      const r: any = await app.ok(
        `query($after: String) { auditLog(first: 200, after: $after) { nodes { id at } pageInfo { endCursor hasNextPage } } }`,
        { after },
        SECRETARIAT,
      );
      seen.push(...r.auditLog.nodes);
      after = r.auditLog.pageInfo.hasNextPage ? r.auditLog.pageInfo.endCursor : null;
    } while (after);
    const position = (id: string) => seen.findIndex((e) => e.id === id);
    expect(position(newer)).toBeGreaterThanOrEqual(0);
    expect(position(older)).toBeGreaterThan(position(newer));
    // Dates never jump back and forth: every entry is at or before the one above it.
    for (let i = 1; i < seen.length; i++)
      expect(Date.parse(seen[i].at)).toBeLessThanOrEqual(Date.parse(seen[i - 1].at));
  });

  it('200 is allowed; a list that does not select totalCount runs no count', async () => {
    const c = LISTS.find((l) => l.field === 'auditLog')!;
    expect(dataOf(await page(c, { first: 200 }), c).nodes).toHaveLength(200);
    // Every SQL statement passes the data source's logger: count the COUNT queries on audit_log.
    const counts: string[] = [];
    const logger = app.db.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (q, params, runner) => {
      if (/count\(/i.test(q) && /audit_log/.test(q)) counts.push(q);
      original(q, params, runner);
    };
    try {
      await app.ok(`{ auditLog(first: 5) { nodes { id } pageInfo { hasNextPage } } }`, {}, SECRETARIAT);
      expect(counts).toHaveLength(0);
      const r = await app.ok<any>(
        `{ auditLog(first: 5) { ...Total n: totalCount } } fragment Total on AuditEntryConnection { totalCount }`,
        {},
        SECRETARIAT,
      );
      expect(r.auditLog.n).toBe(r.auditLog.totalCount);
      expect(counts).toHaveLength(1);
    } finally {
      logger.logQuery = original;
    }
  });
});
