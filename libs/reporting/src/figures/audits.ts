import { AuditSummary } from '../model';
import { ReportPeriod } from '../period';
import { Queryable } from './query';

/** Sample audits whose audited period overlaps the report period, with their findings counted. */
export async function loadAudits(db: Queryable, period: ReportPeriod): Promise<AuditSummary[]> {
  const rows = (await db.query(
    `SELECT a.id, a.title, a.cancer_area AS "cancerArea", a.criterion, a.period_from::text AS "periodFrom", a.period_to::text AS "periodTo",
            a.seed::int AS seed, a.per_region AS "perRegion", a.population, a.status, a.conclusion,
            count(sp.audit_id)::int AS sampled,
            count(*) FILTER (WHERE sp.finding = 'MET')::int AS met,
            count(*) FILTER (WHERE sp.finding = 'NOT_MET')::int AS "notMet",
            count(*) FILTER (WHERE sp.finding = 'UNCLEAR')::int AS unclear,
            count(sp.audit_id) FILTER (WHERE sp.finding IS NULL)::int AS "notAssessed"
       FROM sample_audit a LEFT JOIN sample_audit_pathway sp ON sp.audit_id = a.id
      WHERE a.period_from < $2 AND a.period_to >= $1
      GROUP BY a.id
      ORDER BY a.period_from, a.created_at, a.id`,
    [period.from, period.to],
  )) as AuditSummary[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    cancerArea: r.cancerArea,
    criterion: r.criterion,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    seed: r.seed,
    perRegion: r.perRegion,
    population: r.population,
    sampled: r.sampled,
    status: r.status,
    conclusion: r.conclusion,
    met: r.met,
    notMet: r.notMet,
    unclear: r.unclear,
    notAssessed: r.notAssessed,
  }));
}
