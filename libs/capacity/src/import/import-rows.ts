import { Actor, CancerArea, DomainError, looksLikeCpr, Modality, ProviderKind } from '@app/core';
import { copenhagenOffsetMs, isValidISODate, type ISODate } from '@app/deadline';
import type { Provider, Region } from '@app/reference';
import { copenhagenToUtc, copenhagenWallClock } from '../copenhagen-time';
import { assertMayChangeCapacity } from '../region-scope';
import type { Sheet } from './import-file';

/** Columns of an import file; the names are what a planner sees in the report. */
export const IMPORT_COLUMNS = {
  provider: 'leverandør',
  cancerArea: 'kræftområde',
  modality: 'modalitet',
  start: 'start',
  durationMinutes: 'varighed',
  count: 'antal',
  externalId: 'eksternt id',
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
const REQUIRED: ImportColumn[] = ['provider', 'cancerArea', 'modality', 'start', 'durationMinutes'];

/** Header spellings accepted per column, after normalise(); Danish first, the API's English names too. */
const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  provider: [
    'leverandør',
    'leverandoer',
    'leverandor',
    'leverandørid',
    'leverandørnøgle',
    'udbyder',
    'sygehus',
    'provider',
    'providerid',
    'providerkey',
  ],
  cancerArea: ['kræftområde', 'kraeftomraade', 'kræftomraade', 'område', 'omraade', 'cancerarea', 'area'],
  modality: ['modalitet', 'behandling', 'behandlingstype', 'ydelse', 'modality'],
  start: ['start', 'starttid', 'starttidspunkt', 'tidspunkt', 'startdansktid', 'starts', 'startsat'],
  durationMinutes: ['varighed', 'varighedmin', 'varighedminutter', 'minutter', 'duration', 'durationminutes'],
  count: ['antal', 'antalpladser', 'pladser', 'count'],
  externalId: ['eksterntid', 'eksternid', 'externalid', 'bookingid', 'slotid'],
};

/** Danish words for the codes, besides the code itself and the reference table's Danish name. */
const AREA_WORDS: Record<CancerArea, string[]> = {
  [CancerArea.BREAST]: ['bryst', 'brystkræft'],
  [CancerArea.LUNG]: ['lunge', 'lungekræft'],
  [CancerArea.URINARY]: ['urinveje', 'urinvejskræft', 'urinvejene'],
  [CancerArea.GYNAECOLOGICAL]: ['gynækologisk', 'gynækologi', 'gyn'],
  [CancerArea.UPPER_GI]: ['øvremavetarm', 'øvregi'],
  [CancerArea.LOWER_GI]: ['nedremavetarm', 'nedregi'],
  [CancerArea.OTHER]: ['anden', 'andenkræft', 'andet'],
};
const MODALITY_WORDS: Record<Modality, string[]> = {
  [Modality.DIAGNOSTIC]: ['forundersøgelse', 'udredning', 'diagnostik'],
  [Modality.SURGERY]: ['operation', 'kirurgi'],
  [Modality.CHEMOTHERAPY]: ['kemoterapi', 'kemo'],
  [Modality.RADIOTHERAPY]: ['strålebehandling', 'stråleterapi', 'stråling'],
};

export const MAX_COUNT_PER_ROW = 20;
export const MAX_IMPORT_SLOTS = 20_000;
const MAX_EXTERNAL_ID = 100;
const YIELD_EVERY = 500;
/** Starts further ahead than this are almost always a typing error in the year. */
const MAX_DAYS_AHEAD = 2 * 366;

/** Lower-case letters and digits only (æ, ø, å kept), so «Varighed (min.)» and «varighed» match. */
export const normalise = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9æøå]/g, '');

export interface ImportIssue {
  /** Row in the file (1 = header row). */
  row: number;
  /** Column as named in the file, or the expected name when it is missing. */
  column: string;
  value: string;
  message: string;
}

/** One valid row: `count` parallel slots (seq 0 … count-1) at one start. */
export interface ImportRow {
  row: number;
  provider: Provider;
  cancerArea: CancerArea;
  modality: Modality;
  starts: Date;
  date: ISODate;
  durationMinutes: number;
  count: number;
  externalId: string | null;
}

export interface ImportContext {
  actor: Actor;
  providers: Provider[];
  regions: Map<number, Region>;
  /** Danish names of the codes (reference tables). */
  areaNames: Map<string, string>;
  modalityNames: Map<string, string>;
  now: Date;
}

export interface ValidatedSheet {
  rows: ImportRow[];
  issues: ImportIssue[];
  /** Which header of the file each column was read from. */
  columns: Partial<Record<ImportColumn, string>>;
  ignoredColumns: string[];
  /** Data rows read (empty lines not counted). */
  rowCount: number;
}

/** Code for a cell value as written; each distinct spelling is normalised once per file. */
function codeLookup<T extends string>(
  codes: T[],
  names: Map<string, string>,
  words: Record<T, string[]>,
): (raw: string) => T | undefined {
  const m = new Map<string, T>();
  for (const code of codes) {
    for (const w of [code, names.get(code) ?? '', ...words[code]]) if (w) m.set(normalise(w), code);
  }
  const seen = new Map<string, T | undefined>();
  return (raw) => {
    if (!seen.has(raw)) seen.set(raw, m.get(normalise(raw)));
    return seen.get(raw);
  };
}

/** Column index per known column, from the header row. */
function mapHeader(header: string[]): {
  index: Partial<Record<ImportColumn, number>>;
  ignored: string[];
  issues: ImportIssue[];
} {
  const index: Partial<Record<ImportColumn, number>> = {};
  const ignored: string[] = [];
  const issues: ImportIssue[] = [];
  header.forEach((h, i) => {
    const n = normalise(h);
    if (!n) return;
    const col = (Object.keys(HEADER_ALIASES) as ImportColumn[]).find((c) => HEADER_ALIASES[c].includes(n));
    if (!col) ignored.push(h);
    else if (index[col] !== undefined) {
      issues.push({
        row: 1,
        column: h,
        value: h,
        message: `Kolonnen «${IMPORT_COLUMNS[col]}» står to gange (også «${header[index[col]]}»). Slet den ene.`,
      });
    } else index[col] = i;
  });
  for (const col of REQUIRED) {
    if (index[col] === undefined) {
      issues.push({
        row: 1,
        column: IMPORT_COLUMNS[col],
        value: '',
        message: `Kolonnen «${IMPORT_COLUMNS[col]}» mangler i første række. Kolonnerne skal hedde: leverandør, kræftområde, modalitet, start, varighed, antal (valgfri) og eksternt id (valgfri).`,
      });
    }
  }
  return { index, ignored, issues };
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL =
  /^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[-./](\d{1,2})[-./](\d{4}))(?:[ T]+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/i;

const pad = (n: string | number) => String(n).padStart(2, '0');
const danishDate = (d: ISODate) => `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}`;

/** A start as Copenhagen local date and time, or an ISO instant with offset; a Danish message when it cannot be read. */
export function parseStart(raw: string): { starts: Date; date: ISODate } | string {
  const iso = ISO_INSTANT.exec(raw);
  if (iso) {
    if (!isValidISODate(iso[1]) || Number(iso[2]) > 23 || Number(iso[3]) > 59 || Number(iso[4] ?? 0) > 59)
      return `«${raw}» er ikke et gyldigt tidspunkt.`;
    const starts = new Date(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(starts.getTime())) return `«${raw}» er ikke et gyldigt tidspunkt.`;
    return { starts, date: copenhagenWallClock(starts).date };
  }
  const m = LOCAL.exec(raw);
  if (!m) {
    return `Starttidspunktet «${raw}» kan ikke læses. Skriv dato og klokkeslæt i dansk tid, fx 2027-03-01 08:00 eller 01-03-2027 08.00.`;
  }
  const date = m[1] ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : `${m[6]}-${pad(m[5])}-${pad(m[4])}`;
  if (!isValidISODate(date)) return `Datoen i «${raw}» findes ikke.`;
  if (m[7] === undefined) return `«${raw}» mangler klokkeslæt. Skriv fx ${danishDate(date)} 08:00.`;
  const hh = Number(m[7]);
  const mm = Number(m[8]);
  if (hh > 23 || mm > 59 || (m[9] !== undefined && m[9] !== '00'))
    return `Klokkeslættet i «${raw}» er ugyldigt (brug 00:00–23:59, hele minutter).`;
  const time = `${pad(hh)}:${pad(mm)}`;
  const offset = steadyOffset(date);
  if (offset !== null)
    return {
      starts: new Date(
        Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hh, mm) - offset,
      ),
      date,
    };
  const starts = copenhagenToUtc(date, time);
  const back = copenhagenWallClock(starts);
  if (back.date !== date || back.time !== time) {
    return `Klokken ${time} findes ikke den ${danishDate(date)}: urene stilles frem fra 02:00 til 03:00 (sommertid). Vælg et andet tidspunkt.`;
  }
  return { starts, date };
}

const steadyOffsets = new Map<string, number | null>();
/**
 * Copenhagen's UTC offset on `date` when it is the same all day (every day but the two switch days, which return
 * null and take the exact path): a 10,000-row file then asks Intl once per date instead of once per row.
 */
function steadyOffset(date: ISODate): number | null {
  let v = steadyOffsets.get(date);
  if (v === undefined) {
    const midnight = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    const a = copenhagenOffsetMs(midnight - 3 * 3_600_000);
    const b = copenhagenOffsetMs(midnight + 27 * 3_600_000);
    v = a === b ? a : null;
    if (steadyOffsets.size > 5000) steadyOffsets.clear();
    steadyOffsets.set(date, v);
  }
  return v;
}

/** A whole number, Danish decimal comma allowed ("90", "90,0", "90 min"); a Danish message otherwise. */
function parseWhole(raw: string, min: number, max: number, what: string): number | string {
  const s = raw.replace(/\s*(min\.?|minutter)$/i, '').replace(',', '.');
  const n = /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    return `${what} skal være et helt tal fra ${min} til ${max.toLocaleString('da-DK')} (står «${raw}»).`;
  return n;
}

/** Why the actor may not publish at this provider on this date, in Danish; undefined when allowed. */
function permissionProblem(ctx: ImportContext, p: Provider, date: ISODate): string | undefined {
  try {
    assertMayChangeCapacity(ctx.regions, ctx.actor, p.regionCode, [date], p.name);
    return undefined;
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'FORBIDDEN') throw err;
    if (p.kind === ProviderKind.FOREIGN)
      return `${p.name} er en udenlandsk leverandør; den kapacitet lægges ud af sekretariatet.`;
    const region = p.regionCode === null ? undefined : ctx.regions.get(p.regionCode);
    return `Du kan kun lægge kapacitet ud for din egen regions leverandører; ${p.name} hører under ${region?.name ?? 'en anden region'} den ${danishDate(date)}.`;
  }
}

/**
 * Reads and checks every row; nothing is written. Each problem is one issue with row, column, value and a message in
 * words a planner understands. Rows with problems are left out of `rows`.
 */
export async function validateSheet(sheet: Sheet, ctx: ImportContext): Promise<ValidatedSheet> {
  const { index, ignored, issues } = mapHeader(sheet.header);
  const columns: Partial<Record<ImportColumn, string>> = {};
  for (const [col, i] of Object.entries(index)) columns[col as ImportColumn] = sheet.header[i];
  const result: ValidatedSheet = { rows: [], issues, columns, ignoredColumns: ignored, rowCount: sheet.rows.length };
  if (REQUIRED.some((c) => index[c] === undefined)) return result;

  const byKey = new Map(ctx.providers.filter((p) => p.key).map((p) => [p.key!.toLowerCase(), p]));
  const byId = new Map(ctx.providers.map((p) => [p.id.toLowerCase(), p]));
  const areas = codeLookup(Object.values(CancerArea), ctx.areaNames, AREA_WORDS);
  const modalities = codeLookup(Object.values(Modality), ctx.modalityNames, MODALITY_WORDS);
  const latest = ctx.now.getTime() + MAX_DAYS_AHEAD * 86_400_000;
  const seenSlot = new Map<string, number>();
  const seenExternal = new Map<string, number>();
  const permission = new Map<string, string | undefined>();

  for (const [n, { row, cells }] of sheet.rows.entries()) {
    // A 10,000-row file takes a while: let other requests (and /health) in between.
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const rowIssues: ImportIssue[] = [];
    const cell = (col: ImportColumn) => (index[col] === undefined ? '' : (cells[index[col]] ?? '').trim());
    const problem = (col: ImportColumn, message: string) =>
      rowIssues.push({ row, column: columns[col] ?? IMPORT_COLUMNS[col], value: cell(col), message });
    const required = (col: ImportColumn) => {
      if (cell(col) === '') problem(col, `Feltet «${IMPORT_COLUMNS[col]}» er tomt.`);
      return cell(col);
    };

    const providerRaw = required('provider');
    const provider = providerRaw
      ? (byKey.get(providerRaw.toLowerCase()) ?? byId.get(providerRaw.toLowerCase()))
      : undefined;
    // ctx.providers holds the active ones: an inactive provider gets no new capacity.
    if (providerRaw && !provider)
      problem(
        'provider',
        `Ukendt eller ikke længere aktiv leverandør «${providerRaw}». Skriv leverandørens nøgle (fx rh-herlev-hospital) eller id, som de står under Leverandører.`,
      );

    const areaRaw = required('cancerArea');
    const area = areaRaw ? areas(areaRaw) : undefined;
    if (areaRaw && !area)
      problem(
        'cancerArea',
        `«${areaRaw}» er ikke et kræftområde. Brug fx Brystkræft, Lungekræft, Kræft i urinvejene, Gynækologisk kræft, Kræft i øvre mave-tarm eller Kræft i nedre mave-tarm.`,
      );
    else if (area && provider && !provider.cancerAreas.includes(area))
      problem('cancerArea', `${provider.name} behandler ikke ${ctx.areaNames.get(area) ?? area}.`);

    const modalityRaw = required('modality');
    const modality = modalityRaw ? modalities(modalityRaw) : undefined;
    if (modalityRaw && !modality)
      problem(
        'modality',
        `«${modalityRaw}» er ikke en modalitet. Brug Forundersøgelse, Operation, Kemoterapi eller Strålebehandling.`,
      );
    else if (modality && provider && !provider.modalities.includes(modality))
      problem(
        'modality',
        `${provider.name} tilbyder ikke ${(ctx.modalityNames.get(modality) ?? modality).toLowerCase()}.`,
      );

    const startRaw = required('start');
    const start = startRaw ? parseStart(startRaw) : undefined;
    if (typeof start === 'string') problem('start', start);
    else if (start && start.starts.getTime() <= ctx.now.getTime())
      problem('start', 'Tidspunktet er passeret; kun kommende tider kan lægges ud.');
    else if (start && start.starts.getTime() > latest)
      problem('start', 'Tidspunktet ligger mere end to år ude i fremtiden; tjek årstallet.');
    else if (start && provider) {
      const key = `${provider.id}|${start.date}`;
      if (!permission.has(key)) permission.set(key, permissionProblem(ctx, provider, start.date));
      const why = permission.get(key);
      if (why) problem('provider', why);
    }

    const durationRaw = required('durationMinutes');
    const duration = durationRaw ? parseWhole(durationRaw, 5, 1440, 'Varigheden i minutter') : undefined;
    if (typeof duration === 'string') problem('durationMinutes', duration);

    const countRaw = cell('count');
    const count = countRaw === '' ? 1 : parseWhole(countRaw, 1, MAX_COUNT_PER_ROW, 'Antal');
    if (typeof count === 'string') problem('count', count);

    const externalId = cell('externalId') || null;
    if (externalId && externalId.length > MAX_EXTERNAL_ID)
      problem('externalId', `Eksternt id må højst være ${MAX_EXTERNAL_ID} tegn.`);
    else if (externalId && /\p{Cc}/u.test(externalId)) problem('externalId', 'Eksternt id indeholder kontroltegn.');
    else if (externalId && looksLikeCpr(externalId))
      problem(
        'externalId',
        'Eksternt id ligner et CPR-nummer. Brug bookingsystemets egen nøgle; der må ikke stå personoplysninger i filen.',
      );

    if (
      rowIssues.length ||
      !provider ||
      !area ||
      !modality ||
      !start ||
      typeof start === 'string' ||
      typeof duration !== 'number' ||
      typeof count !== 'number'
    ) {
      result.issues.push(...rowIssues);
      continue;
    }
    const slotKey = `${provider.id}|${area}|${modality}|${start.starts.getTime()}`;
    const externalKey = externalId ? `${provider.id}|${externalId}` : null;
    const sameSlot = seenSlot.get(slotKey);
    const sameExternal = externalKey ? seenExternal.get(externalKey) : undefined;
    if (sameExternal !== undefined) {
      problem('externalId', `Eksternt id «${externalId}» står også i række ${sameExternal} for ${provider.name}.`);
    } else if (sameSlot !== undefined) {
      problem(
        'start',
        `Samme leverandør, kræftområde, modalitet og start står også i række ${sameSlot}. Skriv flere pladser på samme tid som én række med «antal».`,
      );
    }
    if (rowIssues.length) {
      result.issues.push(...rowIssues);
      continue;
    }
    seenSlot.set(slotKey, row);
    if (externalKey) seenExternal.set(externalKey, row);
    result.rows.push({
      row,
      provider,
      cancerArea: area,
      modality,
      starts: start.starts,
      date: start.date,
      durationMinutes: duration,
      count,
      externalId,
    });
  }
  return result;
}
