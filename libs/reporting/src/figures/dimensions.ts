import { CANCER_AREA_ORDER } from '../labels';
import { ReportData } from '../model';
import { Queryable } from './query';

/**
 * Danish names of cancer areas and the regions with their validity, for the outputs' labels and region notes: a read
 * model, run in the report's own snapshot transaction like the figures.
 */
export async function loadDimensions(db: Queryable): Promise<ReportData['dimensions']> {
  const areas = (await db.query(`SELECT code, name_da AS name FROM cancer_area`)) as { code: string; name: string }[];
  const order = (c: string) =>
    CANCER_AREA_ORDER.includes(c) ? CANCER_AREA_ORDER.indexOf(c) : CANCER_AREA_ORDER.length;
  areas.sort((a, b) => order(a.code) - order(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const regions = (await db.query(
    `SELECT code, name, valid_from AS "validFrom", valid_to AS "validTo", successor_code AS "successorCode" FROM region ORDER BY code`,
  )) as ReportData['dimensions']['regions'];
  return { cancerAreas: areas.map((a) => ({ code: a.code, name: a.name })), regions: regions.map((r) => ({ ...r })) };
}
