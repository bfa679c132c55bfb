import { drawSample } from '@app/audits';
import { bootApp, codeOf, TestApp } from './support/harness';
import { compileReport, download, insertOffer, insertPathway, insertSlot } from './support/report-fixtures';

const S = 'secretariat@demo.dk';
const OTHERS = ['observer@demo.dk', 'planner.hovedstaden@demo.dk', 'collab.breast@demo.dk'];

const START = `mutation($i: StartSampleAuditInput!) { startSampleAudit(input: $i) {
  id title cancerArea criterion periodFrom periodTo seed perRegion asOf population status strata { regionCode population sampled }
  sample { pathwayId regionCode drawOrder finding } findings { met notMet unclear notAssessed } } }`;
const AUDIT = `query($id: ID!) { sampleAudit(id: $id) { id status conclusion closedAt findings { met notMet unclear notAssessed }
  sample { pathwayId regionCode drawOrder finding note assessedAt
    pathway { id reference status deadline treatedOn offers { id status declineReason offeredOn } pauses { reason } warningsRaised { raisedOn } auditTrail { action } } } } }`;
const FINDING = `mutation($i: RecordAuditFindingInput!) { recordAuditFinding(input: $i) { auditId pathwayId finding note assessedAt } }`;
const CLOSE = `mutation($i: CloseSampleAuditInput!) { closeSampleAudit(input: $i) { id status conclusion closedAt } }`;

/*
 * 2039 (no other test uses it), UPPER_GI pathways treated after their deadline (clock start + 28 days) in
 * 1081 ×5, 1082 ×2, 1083 ×1, 1084 ×2 and 1085 ×1 (both → Østdanmark 1086 in 2039): population 11 in 4 strata.
 * Not in the population: treated in time, treated late in 2038, and a LUNG pathway treated late.
 */
const LATE: [number, number][] = [
  [1081, 851],
  [1081, 851],
  [1081, 851],
  [1081, 851],
  [1081, 851],
  [1082, 751],
  [1082, 751],
  [1083, 461],
  [1084, 101],
  [1084, 101],
  [1085, 259],
];

describe('sample audits (issue #19)', () => {
  let app: TestApp;
  const late: string[] = [];
  let withEvidence: string;
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    app = await bootApp();
    for (const [i, [region, muni]] of LATE.entries()) {
      late.push(
        await insertPathway(app.db, `AUD-${tag}-${i}`, {
          region,
          municipality: muni,
          area: 'UPPER_GI',
          clockStart: '2039-02-01',
          status: 'TREATED',
          treatedOn: `2039-04-${String(10 + i).padStart(2, '0')}`,
        }),
      );
    }
    await insertPathway(app.db, `AUD-${tag}-intime`, {
      region: 1081,
      municipality: 851,
      area: 'UPPER_GI',
      clockStart: '2039-02-01',
      status: 'TREATED',
      treatedOn: '2039-02-20',
    });
    await insertPathway(app.db, `AUD-${tag}-2038`, {
      region: 1081,
      municipality: 851,
      area: 'UPPER_GI',
      clockStart: '2038-10-01',
      status: 'TREATED',
      treatedOn: '2038-12-20',
    });
    await insertPathway(app.db, `AUD-${tag}-lung`, {
      region: 1081,
      municipality: 851,
      area: 'LUNG',
      clockStart: '2039-02-01',
      status: 'TREATED',
      treatedOn: '2039-04-20',
    });
    // Evidence for the first late pathway: a declined offer, a pause and an early warning.
    withEvidence = late[0];
    const slot = await insertSlot(app.db, 'rm-aarhus-universitetshospital', 'UPPER_GI', '2039-02-20', 'FREE');
    await insertOffer(app.db, withEvidence, slot, 'DECLINED', '2039-02-10', 'DISTANCE');
    await app.db.query(
      `INSERT INTO pathway_pause (pathway_id, from_date, to_date, reason) VALUES ($1, '2039-02-12', '2039-02-15', 'HEALTH')`,
      [withEvidence],
    );
    await app.db.query(
      `INSERT INTO early_warning (pathway_id, region_code, cancer_area, deadline, raised_on) VALUES ($1, 1081, 'UPPER_GI', '2039-03-01', '2039-02-22')`,
      [withEvidence],
    );
  }, 60000);
  afterAll(async () => {
    await app.close();
  });

  const start = (over: Record<string, unknown> = {}, as = S) =>
    app.gql<any>(
      START,
      {
        i: {
          title: 'Øvre mave-tarm behandlet for sent 2039',
          cancerArea: 'UPPER_GI',
          criterion: 'TREATED_LATE',
          from: '2039-01-01',
          to: '2039-12-31',
          perRegion: 2,
          seed: 20390101,
          ...over,
        },
      },
      as,
    );

  let auditId: string;
  let sample: { pathwayId: string; regionCode: number; drawOrder: number }[];

  it('draws a stratified sample: every region represented, the stated seed stored, reproducible', async () => {
    const res = await start();
    expect(res.errors).toBeUndefined();
    const a = res.data!.startSampleAudit;
    expect(a).toMatchObject({
      cancerArea: 'UPPER_GI',
      criterion: 'TREATED_LATE',
      periodFrom: '2039-01-01',
      periodTo: '2039-12-31',
      seed: 20390101,
      perRegion: 2,
      population: 11,
      status: 'OPEN',
    });
    expect(a.strata).toEqual([
      { regionCode: 1081, population: 5, sampled: 2 },
      { regionCode: 1082, population: 2, sampled: 2 },
      { regionCode: 1083, population: 1, sampled: 1 },
      { regionCode: 1086, population: 3, sampled: 2 },
    ]);
    expect(a.sample).toHaveLength(7);
    expect(a.findings).toEqual({ met: 0, notMet: 0, unclear: 0, notAssessed: 7 });
    expect(a.sample.every((x: any) => late.includes(x.pathwayId) && x.finding === null)).toBe(true);
    // The same draw as the pure function on the same population.
    const strata = new Map(LATE.map(([r], i) => [late[i], r === 1084 || r === 1085 ? 1086 : r]));
    const expected = drawSample(
      late.map((id) => ({ id, stratum: strata.get(id)! })),
      20390101,
      2,
    ).sample;
    expect(a.sample.map((x: any) => [x.pathwayId, x.regionCode, x.drawOrder])).toEqual(
      expected.map((d) => [d.id, d.stratum, d.drawOrder]),
    );
    // Same seed, same data → same sample; the stated seed is what makes the audit repeatable.
    const again = (await start({ title: 'Gentagelse' })).data!.startSampleAudit;
    expect(again.sample.map((x: any) => x.pathwayId)).toEqual(a.sample.map((x: any) => x.pathwayId));
    auditId = a.id;
    sample = a.sample;
    const log = await app.db.query(
      `SELECT action, actor_label, after->'sample' AS sample FROM audit_log WHERE entity_type = 'sample_audit' AND entity_id = $1`,
      [a.id],
    );
    expect(log).toEqual([
      { action: 'sample_audit.start', actor_label: S, sample: a.sample.map((x: any) => x.pathwayId) },
    ]);
  });

  it('without a seed a random one is chosen and stated', async () => {
    const a = (await start({ title: 'Uden startværdi', seed: undefined })).data!.startSampleAudit;
    expect(Number.isInteger(a.seed)).toBe(true);
    const replay = (await start({ title: 'Med samme startværdi', seed: a.seed })).data!.startSampleAudit;
    expect(replay.sample.map((x: any) => x.pathwayId)).toEqual(a.sample.map((x: any) => x.pathwayId));
  });

  it("shows each sampled pathway's evidence trail: offers and answers, pauses, warnings, audit", async () => {
    const res = await start({ title: 'Alle', perRegion: 5 });
    const all = await app.ok<any>(AUDIT, { id: res.data!.startSampleAudit.id }, S);
    const p = all.sampleAudit.sample.find((x: any) => x.pathwayId === withEvidence).pathway;
    expect(p.offers).toEqual([
      expect.objectContaining({ status: 'DECLINED', declineReason: 'DISTANCE', offeredOn: '2039-02-10' }),
    ]);
    expect(p.pauses).toEqual([{ reason: 'HEALTH' }]);
    expect(p.warningsRaised).toEqual([{ raisedOn: '2039-02-22' }]);
    expect(p.treatedOn).toBe('2039-04-10');
    expect(Array.isArray(p.auditTrail)).toBe(true);
  });

  it('records findings (a note is required unless met), refuses to close while any is missing, then closes', async () => {
    const [first, second, ...rest] = sample;
    const bad = await app.gql(FINDING, { i: { auditId, pathwayId: first.pathwayId, finding: 'NOT_MET' } }, S);
    expect([codeOf(bad), bad.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'note']);
    const cpr = await app.gql(
      FINDING,
      { i: { auditId, pathwayId: first.pathwayId, finding: 'UNCLEAR', note: 'Patient 010203-1234' } },
      S,
    );
    expect(codeOf(cpr)).toBe('PERSONAL_DATA_REJECTED');
    const notSampled = late.find((id) => !sample.some((x) => x.pathwayId === id))!;
    expect(codeOf(await app.gql(FINDING, { i: { auditId, pathwayId: notSampled, finding: 'MET' } }, S))).toBe(
      'NOT_FOUND',
    );

    const f1 = await app.ok<any>(
      FINDING,
      {
        i: {
          auditId,
          pathwayId: first.pathwayId,
          finding: 'NOT_MET',
          note: 'Intet tilbud før fristen trods ledig kapacitet',
        },
      },
      S,
    );
    expect(f1.recordAuditFinding).toMatchObject({
      finding: 'NOT_MET',
      note: 'Intet tilbud før fristen trods ledig kapacitet',
    });
    await app.ok(
      FINDING,
      { i: { auditId, pathwayId: second.pathwayId, finding: 'UNCLEAR', note: 'Journalnotat mangler' } },
      S,
    );
    const early = await app.gql(CLOSE, { i: { auditId } }, S);
    expect(codeOf(early)).toBe('INVALID_STATE');
    for (const x of rest) await app.ok(FINDING, { i: { auditId, pathwayId: x.pathwayId, finding: 'MET' } }, S);
    // A finding may be changed while the audit is open; the audit log keeps both.
    await app.ok(FINDING, { i: { auditId, pathwayId: rest[0].pathwayId, finding: 'UNCLEAR', note: 'Genvurderet' } }, S);

    const closed = await app.ok<any>(CLOSE, { i: { auditId, conclusion: 'Tilbud kom for sent i Nordjylland.' } }, S);
    expect(closed.closeSampleAudit).toMatchObject({
      id: auditId,
      status: 'CLOSED',
      conclusion: 'Tilbud kom for sent i Nordjylland.',
    });
    const a = (await app.ok<any>(AUDIT, { id: auditId }, S)).sampleAudit;
    expect(a.findings).toEqual({ met: 4, notMet: 1, unclear: 2, notAssessed: 0 });
    expect(codeOf(await app.gql(FINDING, { i: { auditId, pathwayId: first.pathwayId, finding: 'MET' } }, S))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(await app.gql(CLOSE, { i: { auditId } }, S))).toBe('INVALID_STATE');

    const log = await app.db.query(
      `SELECT action FROM audit_log WHERE entity_type = 'sample_audit' AND entity_id = $1 ORDER BY id`,
      [auditId],
    );
    expect(log.map((r: any) => r.action)).toEqual([
      'sample_audit.start',
      ...Array(8).fill('sample_audit.finding'),
      'sample_audit.close',
    ]);
    const onPathway = await app.db.query(
      `SELECT after->>'finding' AS finding FROM audit_log WHERE entity_type = 'pathway' AND entity_id = $1 AND action = 'pathway.audit_finding'`,
      [first.pathwayId],
    );
    expect(onPathway).toEqual([{ finding: 'NOT_MET' }]);
  });

  it('lists audits newest first, filtered by status and cancer area', async () => {
    const list = (
      await app.ok<any>(
        `query($f: SampleAuditFilter) { sampleAudits(filter: $f) { nodes { id status cancerArea } } }`,
        { f: { status: 'CLOSED', cancerArea: 'UPPER_GI' } },
        S,
      )
    ).sampleAudits.nodes;
    expect(list.map((x: any) => x.id)).toContain(auditId);
    expect(list.every((x: any) => x.status === 'CLOSED' && x.cancerArea === 'UPPER_GI')).toBe(true);
  });

  it('other criteria: declined offers in the period; no offer before a deadline that has passed', async () => {
    const declined = (await start({ title: 'Afslag 2039', criterion: 'DECLINED_OFFER' })).data!.startSampleAudit;
    expect(declined.population).toBe(1);
    expect(declined.sample.map((x: any) => x.pathwayId)).toEqual([withEvidence]);
    // 2019, OTHER: A has no offer (in), B had an offer on its deadline (out), C was treated in time (out), D's deadline is in 2020 (out).
    const mk = (n: string, over: Record<string, unknown>) =>
      insertPathway(app.db, `AUD-${tag}-19${n}`, {
        region: 1082,
        municipality: 751,
        area: 'OTHER',
        clockStart: '2019-03-01',
        ...over,
      });
    const a = await mk('A', { deadline: '2019-03-29' });
    const b = await mk('B', { deadline: '2019-03-29' });
    await mk('C', { deadline: '2019-03-29', status: 'TREATED', treatedOn: '2019-03-20' });
    await mk('D', { clockStart: '2019-12-20', deadline: '2020-01-17' });
    await insertOffer(
      app.db,
      b,
      await insertSlot(app.db, 'rm-aarhus-universitetshospital', 'OTHER', '2019-04-02', 'EXPIRED'),
      'EXPIRED',
      '2019-03-29',
    );
    const none = (
      await start({
        title: 'Intet tilbud 2019',
        cancerArea: 'OTHER',
        criterion: 'NO_OFFER_BEFORE_DEADLINE',
        from: '2019-01-01',
        to: '2019-12-31',
      })
    ).data!.startSampleAudit;
    expect(none.sample.map((x: any) => x.pathwayId)).toEqual([a]);
  });

  it('bad input is a typed error', async () => {
    const r1 = await start({ from: '2039-06-01', to: '2039-05-01' });
    expect([codeOf(r1), r1.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'to']);
    const r2 = await start({ cancerArea: 'GYNAECOLOGICAL' });
    expect([codeOf(r2), r2.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'criterion']);
    const r3 = await start({ title: '   ' });
    expect([codeOf(r3), r3.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'title']);
    expect(codeOf(await start({ perRegion: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await start({ seed: -1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(AUDIT, { id: '00000000-0000-4000-8000-000000000000' }, S))).toBe('NOT_FOUND');
  });

  it('no pathway data for observers, planners or collaborations: every operation is FORBIDDEN', async () => {
    for (const as of OTHERS) {
      expect(codeOf(await start({}, as))).toBe('FORBIDDEN');
      expect(codeOf(await app.gql(AUDIT, { id: auditId }, as))).toBe('FORBIDDEN');
      expect(codeOf(await app.gql(`{ sampleAudits { nodes { id } } }`, {}, as))).toBe('FORBIDDEN');
      expect(
        codeOf(await app.gql(FINDING, { i: { auditId, pathwayId: sample[0].pathwayId, finding: 'MET' } }, as)),
      ).toBe('FORBIDDEN');
      expect(codeOf(await app.gql(CLOSE, { i: { auditId } }, as))).toBe('FORBIDDEN');
    }
  });

  it('the report for 2039 has a "Stikprøver" section with the audits of the period and their findings', async () => {
    const report = await compileReport(app, 2039);
    const json = JSON.parse((await download(app, report.id, 'json')).body);
    const audit = json.audits.find((x: any) => x.id === auditId);
    expect(audit).toMatchObject({
      title: 'Øvre mave-tarm behandlet for sent 2039',
      criterion: 'TREATED_LATE',
      seed: 20390101,
      population: 11,
      sampled: 7,
      status: 'CLOSED',
      met: 4,
      notMet: 1,
      unclear: 2,
      notAssessed: 0,
    });
    expect(json.audits.some((x: any) => x.periodFrom === '2019-01-01')).toBe(false);
    const html = (await download(app, report.id, 'html')).body as string;
    expect(html).toContain('<h2 id="audits">Stikprøver</h2>');
    expect(html).toContain(
      '<tr><th scope="row">Øvre mave-tarm behandlet for sent 2039</th><td class="n">Kræft i øvre mave-tarm: behandlet efter fristen</td><td class="n">1. januar 2039 – 31. december 2039</td><td class="n">20390101</td><td class="n">7 af 11</td>',
    );
    expect(html).toContain('Tilbud kom for sent i Nordjylland.');
    // The observer reads the report's aggregate, not the pathways.
    expect(html).not.toContain(sample[0].pathwayId);
  });
});
