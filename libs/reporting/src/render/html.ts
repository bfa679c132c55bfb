import { DISTANCE_BANDS_DA, DISTANCE_SECTION } from '../figures/distance';
import { distanceChart } from './distance-chart';
import { ALL, Dim, DIMS, figureByKey, NONE, REGION_ON_CTE, SectionDef, SECTIONS, Unit } from '../figures/registry';
import {
  AUDIT_CRITERION_DA,
  AUDIT_STATUS_DA,
  COUNTRY_DA,
  DECISION_KIND_DA,
  DECLINE_REASON_DA,
  FINDING_DA,
  OUTCOME_DA,
  OUTCOME_ORDER,
  PROVIDER_KIND_DA,
} from '../labels';
import { compareDimValues, FigureIndex, fixedDim, ReportData, RowSelector } from '../model';
import { barChart, ChartDatum, lineChart } from './charts';
import { escapeHtml as esc, formatDateDa, formatMonthDa, formatNumber, formatShare, monthNameShortDa } from './format';

const UNIT_DA: Record<Unit, string> = { count: 'antal', days: 'dage', share: 'andel', dkk: 'kroner' };
const DIM_DA: Record<Dim, string> = {
  cancerArea: 'Kræftområde',
  region: 'Region',
  providerKind: 'Udbydertype',
  month: 'Måned',
};
const STATUS_COLORS = ['#2e7d32', '#c62828', '#9e9e9e', '#6d4c41', '#1565c0'];
const TREND_COLORS = ['#1565c0', '#2e7d32', '#c62828', '#ef6c00'];

const STYLE = `body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.7rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h2.toc{border:0;font-size:1.2rem;margin-top:1.5rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem;width:100%}table.summary{width:auto;min-width:60%}table.audits{font-size:.8rem}table.audits td.n{white-space:normal}caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}td.n{text-align:right;white-space:nowrap}
tbody th{text-align:left;font-weight:normal}tfoot td,tfoot th{font-weight:bold;background:#f4f4f4}tfoot th{text-align:left}thead th{background:#eef2f6;text-align:left}
tbody th.group{font-weight:bold;background:#f7f9fb}tbody th.sub{padding-left:1.5rem}
.task-force{background:#fff8e1;border-left:4px solid #f9a825;padding:.5rem 1rem}
figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}figure svg{display:block;width:100%;height:auto}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;font-size:.8rem;white-space:pre-wrap}
nav ol{padding-left:1.5rem}nav li{display:flex;gap:.5rem}nav li a{flex:1}nav .page:empty{display:none}
.meta,.note{color:#555}.empty{font-style:italic;color:#555}
@page{size:A4}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}h2{break-after:avoid}h3{break-after:avoid}
figure,table,.task-force{break-inside:avoid}caption{break-after:avoid}#bilag{break-before:page}nav{break-after:page}
nav li{border-bottom:1px dotted #bbb}a{color:inherit;text-decoration:none}}`;

/** Names for codes, from the report's own dimension data, so the HTML needs nothing but ReportData. */
class Names {
  private readonly areas: Map<string, string>;
  private readonly regions: Map<string, string>;

  constructor(data: ReportData) {
    this.areas = new Map(data.dimensions.cancerAreas.map((a) => [a.code, a.name]));
    this.regions = new Map(data.dimensions.regions.map((r) => [String(r.code), r.name]));
  }

  of(dim: Dim | 'category', value: string): string {
    if (value === ALL) return 'I alt';
    switch (dim) {
      case 'cancerArea':
        return this.areas.get(value) ?? value;
      case 'region':
        if (value === NONE) return 'Ingen dansk region (udlandet)';
        return this.regions.get(value) ?? value;
      case 'providerKind':
        return value === NONE ? 'Intet accepteret tilbud' : (PROVIDER_KIND_DA[value] ?? value);
      case 'month':
        return formatMonthDa(value);
      case 'category':
        return (
          (DECLINE_REASON_DA as Record<string, string>)[value] ??
          (DECISION_KIND_DA as Record<string, string>)[value] ??
          (OUTCOME_DA as Record<string, string>)[value] ??
          DISTANCE_BANDS_DA[value] ??
          COUNTRY_DA[value] ??
          FINDING_DA[value] ??
          value
        );
    }
  }
}

function formatValue(unit: Unit, v: number | null): string {
  if (unit === 'dkk') return v === null ? '–' : `${formatNumber(v)} kr.`;
  return unit === 'share' ? formatShare(v) : formatNumber(v, unit === 'days' ? 1 : 0);
}

/** The sentence printed in a section without anything to show. */
export function emptyText(s: SectionDef): string {
  return s.empty ?? 'Ingen tal i perioden.';
}

function table(caption: string, head: string[], body: string[][], foot?: string[]): string {
  const cells = (r: string[], tag: 'td' | 'th') =>
    r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<${tag} class="n">${c}</${tag}>`)).join('');
  return [
    `<table><caption>${esc(caption)}</caption>`,
    `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${body.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody>`,
    foot ? `<tfoot><tr>${cells(foot, 'td')}</tr></tfoot>` : '',
    '</table>',
  ].join('');
}

class HtmlReport {
  private readonly idx: FigureIndex;
  private readonly names: Names;

  constructor(readonly data: ReportData) {
    this.idx = new FigureIndex(data.rows);
    this.names = new Names(data);
  }

  /**
   * Values of `dim` that occur for these figures in the breakdown by `dim` alone: the other dimensions are ALL (or
   * as given in `where`), the category none unless `anyCategory`.
   */
  private present(figures: string[], dim: Dim | 'category', where: RowSelector = {}, anyCategory = false): string[] {
    const keys = new Set(figures);
    const found = new Set<string>();
    for (const r of this.data.rows) {
      if (!keys.has(r.figure) || r[dim] === ALL || (dim === 'category' && r.category === NONE)) continue;
      const dimsMatch = DIMS.every((d) => d === dim || r[d] === (where[d] ?? fixedDim(r.figure, d) ?? ALL));
      const categoryMatches = dim === 'category' || anyCategory || r.category === (where.category ?? NONE);
      if (dimsMatch && categoryMatches) found.add(r[dim]);
    }
    return [...found].sort((a, b) => compareDimValues(dim, a, b));
  }

  private value(figure: string, unit: Unit, sel: RowSelector = {}): string {
    return formatValue(unit, this.idx.get(figure, sel));
  }

  private breakdown(section: SectionDef, dim: Dim): string {
    const keys = section.figures.map((f) => f.key);
    const values = this.present(keys, dim);
    if (!values.length) return '';
    const body = values.map((v) => [
      esc(this.names.of(dim, v)),
      ...section.figures.map((f) => this.value(f.key, f.unit, { [dim]: v })),
    ]);
    const foot = ['I alt', ...section.figures.map((f) => this.value(f.key, f.unit))];
    return table(
      `Fordelt på ${DIM_DA[dim].toLowerCase()}`,
      [DIM_DA[dim], ...section.figures.map((f) => f.label)],
      body,
      foot,
    );
  }

  private categoryTables(section: SectionDef): string {
    const keys = section.figures.map((f) => f.key);
    const cats = this.present(keys, 'category');
    if (!cats.length) return '<p class="empty">Ingen i perioden.</p>';
    const label = section.category!.label;
    const totals = table(
      `Fordelt på ${label.toLowerCase()}`,
      [label, ...section.figures.map((f) => f.label)],
      cats.map((c) => [
        esc(this.names.of('category', c)),
        ...section.figures.map((f) => this.value(f.key, f.unit, { category: c })),
      ]),
    );
    const first = section.figures[0];
    const areas = this.present([first.key], 'cancerArea', {}, true);
    const byArea = table(
      `${first.label} fordelt på ${label.toLowerCase()} og kræftområde`,
      [label, 'I alt', ...areas.map((a) => this.names.of('cancerArea', a))],
      cats.map((c) => [
        esc(this.names.of('category', c)),
        this.value(first.key, first.unit, { category: c }),
        ...areas.map((a) => this.value(first.key, first.unit, { category: c, cancerArea: a })),
      ]),
    );
    return totals + byArea;
  }

  /**
   * SST's outcome categories: every category always listed (a fixed classification, so zeros are shown), by cancer
   * area, by region and by cancer area × region. Every number, totals included, is a row the SQL computed.
   */
  private outcomeTables(section: SectionDef): string {
    const f = section.figures[0];
    const count = (sel: RowSelector) => this.value(f.key, f.unit, sel);
    if (!this.idx.get(f.key)) return '<p class="empty">Ingen afsluttede forløb i perioden.</p>';
    const known: readonly string[] = OUTCOME_ORDER;
    const cats = [...known, ...this.present([f.key], 'category').filter((c) => !known.includes(c))];
    const catNames = cats.map((c) => this.names.of('category', c));
    const label = section.category!.label;
    const byDim = (dim: 'cancerArea' | 'region') => {
      const values = this.present([f.key], dim);
      return table(
        `${f.label} fordelt på ${label.toLowerCase()} og ${DIM_DA[dim].toLowerCase()}`,
        [label, 'I alt', ...values.map((v) => this.names.of(dim, v))],
        cats.map((c, i) => [
          esc(catNames[i]),
          count({ category: c }),
          ...values.map((v) => count({ category: c, [dim]: v })),
        ]),
        ['I alt', count({}), ...values.map((v) => count({ [dim]: v }))],
      );
    };
    const pairs = new Map<string, [string, string]>();
    for (const r of this.data.rows) {
      if (r.figure === f.key && r.cancerArea !== ALL && r.region !== ALL)
        pairs.set(`${r.cancerArea}|${r.region}`, [r.cancerArea, r.region]);
    }
    const combos = [...pairs.values()].sort(
      (a, b) => compareDimValues('cancerArea', a[0], b[0]) || compareDimValues('region', a[1], b[1]),
    );
    const cross = table(
      `${f.label} fordelt på kræftområde, region og ${label.toLowerCase()}`,
      ['Kræftområde og region', ...catNames, 'I alt'],
      combos.map(([a, r]) => [
        esc(`${this.names.of('cancerArea', a)} – ${this.names.of('region', r)}`),
        ...cats.map((c) => count({ cancerArea: a, region: r, category: c })),
        count({ cancerArea: a, region: r }),
      ]),
      ['I alt', ...cats.map((c) => count({ category: c })), count({})],
    );
    return byDim('cancerArea') + byDim('region') + cross;
  }

  async offersChart(): Promise<string> {
    const statuses = ['offers.accepted', 'offers.declined', 'offers.expired', 'offers.withdrawn', 'offers.pending'];
    const areas = this.present(['offers.made'], 'cancerArea');
    if (!areas.length) return '<p class="empty">Ingen tilbud i perioden.</p>';
    const labels = statuses.map((s) => figureByKey(s).figure.label);
    const data: ChartDatum[] = areas.flatMap((a) =>
      statuses.map((s, i) => ({
        label: this.names.of('cancerArea', a),
        series: labels[i],
        value: this.idx.get(s, { cancerArea: a }) ?? 0,
        rank: i,
      })),
    );
    const svg = await barChart({
      data,
      categories: areas.map((a) => this.names.of('cancerArea', a)),
      series: labels,
      colors: STATUS_COLORS,
      axisTitle: 'Antal tilbud',
      categoryTitle: 'Kræftområde',
    });
    return `<figure><figcaption>Tilbud pr. kræftområde og svar</figcaption>${svg}</figure>`;
  }

  async reasonsChart(figure: string, caption: string, color: string): Promise<string> {
    const cats = this.present([figure], 'category');
    if (!cats.length) return '<p class="empty">Ingen afslag i perioden.</p>';
    const labels = cats.map((c) => this.names.of('category', c));
    const data = cats.map((c, i) => ({
      label: labels[i],
      series: 'Afslag',
      value: this.idx.get(figure, { category: c }) ?? 0,
      rank: i,
    }));
    const svg = await barChart({
      data,
      categories: labels,
      series: ['Afslag'],
      colors: [color],
      axisTitle: 'Antal afslag',
      categoryTitle: 'Årsag',
    });
    return `<figure><figcaption>${esc(caption)}</figcaption>${svg}</figure>`;
  }

  async abroadChart(): Promise<string> {
    const areas = this.present(['abroad.made'], 'cancerArea');
    if (!areas.length) return '<p class="empty">Ingen tilbud i udlandet i perioden.</p>';
    const series = ['Accepteret', 'Afslået'];
    const data = areas.flatMap((a) => [
      {
        label: this.names.of('cancerArea', a),
        series: series[0],
        value: this.idx.get('abroad.accepted', { cancerArea: a }) ?? 0,
        rank: 0,
      },
      {
        label: this.names.of('cancerArea', a),
        series: series[1],
        value: this.idx.get('abroad.declined', { cancerArea: a }) ?? 0,
        rank: 1,
      },
    ]);
    const svg = await barChart({
      data,
      categories: areas.map((a) => this.names.of('cancerArea', a)),
      series,
      colors: STATUS_COLORS.slice(0, 2),
      axisTitle: 'Antal tilbud i udlandet',
      categoryTitle: 'Kræftområde',
    });
    return `<figure><figcaption>Tilbud i udlandet: accepteret og afslået</figcaption>${svg}</figure>`;
  }

  private async trend(): Promise<string> {
    const series = [
      ['offers.made', 'Tilbud givet'],
      ['offers.accepted', 'Accepteret'],
      ['offers.declined', 'Afslået'],
      ['abroad.made', 'Tilbud i udlandet'],
    ];
    const months = this.data.period.months;
    const labels = months.map((m) => formatMonthDa(m));
    // Axis labels without the year unless the period spans two (they would not fit under twelve points).
    const oneYear = months.every((m) => m.slice(0, 4) === months[0].slice(0, 4));
    const axis = months.map((m, i) => (oneYear ? monthNameShortDa(m) : labels[i]));
    const data = months.flatMap((m, mi) =>
      series.map(([key, name], si) => ({
        label: axis[mi],
        series: name,
        value: this.idx.get(key, { month: m }) ?? 0,
        rank: si,
      })),
    );
    const svg = !this.idx.get('offers.made')
      ? '<p class="empty">Ingen tilbud i perioden, så der er ingen udvikling at vise.</p>'
      : await lineChart({
          data,
          categories: axis,
          series: series.map((s) => s[1]),
          colors: TREND_COLORS,
          axisTitle: 'Antal tilbud',
        });
    const cols: [string, string, Unit][] = [
      ['slots.published', 'Udbudte tider', 'count'],
      ['slots.booked', 'Bookede tider', 'count'],
      ...series.map(([k, n]) => [k, n, 'count'] as [string, string, Unit]),
      ['early_warnings.raised', 'Tidlige varsler', 'count'],
    ];
    const body = months.map((m, i) => [esc(labels[i]), ...cols.map(([k, , u]) => this.value(k, u, { month: m }))]);
    const foot = ['I alt', ...cols.map(([k, , u]) => this.value(k, u))];
    const chart = svg.startsWith('<svg') ? `<figure><figcaption>Udvikling pr. måned</figcaption>${svg}</figure>` : svg;
    return `${chart}${table('Pr. måned', ['Måned', ...cols.map((c) => c[1])], body, foot)}`;
  }

  taskForceSummary(): string {
    const made = this.idx.get('abroad.made') ?? 0;
    const reasons = this.present(['abroad.declined_by_reason'], 'category')
      .map((c) => ({ c, n: this.idx.get('abroad.declined_by_reason', { category: c }) ?? 0 }))
      .sort((a, b) => b.n - a.n || compareDimValues('category', a.c, b.c))
      .slice(0, 3)
      .map((r) => `${esc(this.names.of('category', r.c).toLowerCase())} (${formatNumber(r.n)})`);
    return [
      '<div class="task-force"><p>',
      `I perioden blev der givet <strong>${formatNumber(made)}</strong> tilbud om behandling i udlandet. `,
      `<strong>${formatNumber(this.idx.get('abroad.accepted'))}</strong> blev accepteret og <strong>${formatNumber(this.idx.get('abroad.declined'))}</strong> afslået`,
      ` (${formatShare(this.idx.get('abroad.declined_share'))} af de besvarede).`,
      reasons.length ? ` Hyppigste årsager til afslag: ${reasons.join(', ')}.` : '',
      '</p></div>',
    ].join('');
  }

  /**
   * Key figures for the whole country, grouped under the section they come from (so "Accepteret" of all offers and of
   * offers abroad are told apart); figures split by a category are summed up in their own sections.
   */
  private summary(): string {
    const groups = SECTIONS.filter((x) => !x.category || x.category.totals).map((sec) => {
      const figures = sec.category ? sec.figures.filter((f) => f.unit !== 'share') : sec.figures;
      const rows = figures.map(
        (f) =>
          `<tr><th scope="row" class="sub">${esc(f.label)}</th><td class="n">${this.value(f.key, f.unit)}</td></tr>`,
      );
      return `<tbody><tr><th scope="rowgroup" colspan="2" class="group" id="sum-${sec.key}">${esc(sec.title)}</th></tr>${rows.join('')}</tbody>`;
    });
    return [
      '<table class="summary"><caption>Nøgletal for hele landet</caption>',
      '<thead><tr><th scope="col">Nøgletal</th><th scope="col">Værdi</th></tr></thead>',
      ...groups,
      '</table>',
    ].join('');
  }

  private regionsNote(): string {
    const regions = this.data.dimensions.regions;
    const merged = regions.filter((r) => r.successorCode !== null && r.validTo);
    if (!merged.length) return '';
    const { from, lastDay } = this.data.period;
    const spans = merged.some((r) => r.validTo! >= from && r.validTo! < lastDay);
    const items = merged.map((r) => {
      const successor = regions.find((x) => x.code === r.successorCode)?.name ?? String(r.successorCode);
      return `<li>${esc(r.name)} gælder til og med ${formatDateDa(r.validTo!)} og indgår derefter i ${esc(successor)}.</li>`;
    });
    return [
      '<p class="note">Tal henføres til den region, der var gældende på den dato, de vedrører (tidens dato, tilbudsdatoen osv.).',
      spans ? ' Perioden går på tværs af en regionsændring og viser derfor både de gamle regioner og den nye.' : '',
      `</p><ul class="note">${items.join('')}</ul>`,
    ].join('');
  }

  private appendix(): string {
    const parts = [
      '<h2 id="bilag">Bilag: Definitioner</h2>',
      '<p>Hvert nøgletal er defineret ét sted i koden; denne tekst og tallene kommer fra samme definition. Hver sektion beregnes i PostgreSQL som én forespørgsel over datagrundlaget, grupperet med GROUPING SETS over kræftområde, region, udbydertype og måned (I alt = ALL i CSV og JSON). <code>$1</code> er periodens første dag, <code>$2</code> dagen efter den sidste.</p>',
      `<p>Region på en dato:</p><pre><code>${esc(REGION_ON_CTE)}</code></pre>`,
    ];
    for (const s of SECTIONS) {
      parts.push(`<h3>${esc(s.title)}</h3><p>Datagrundlag:</p><pre><code>${esc(s.source)}</code></pre>`);
      parts.push(
        '<table><thead><tr><th scope="col">Nøgle</th><th scope="col">Betegnelse</th><th scope="col">Enhed</th><th scope="col">Definition</th><th scope="col">Beregning</th></tr></thead><tbody>',
        ...s.figures.map(
          (f) =>
            `<tr><td><code>${esc(f.key)}</code></td><td>${esc(f.label)}</td><td>${UNIT_DA[f.unit]}</td><td>${esc(f.definition)}</td><td><code>${esc(f.sql)}</code></td></tr>`,
        ),
        '</tbody></table>',
      );
    }
    return parts.join('\n');
  }

  /** True when any figure of the section has a value other than 0 in the period. */
  hasData(s: SectionDef): boolean {
    const keys = new Set(s.figures.map((f) => f.key));
    return this.data.rows.some((r) => keys.has(r.figure) && r.value !== null && r.value !== 0);
  }

  /** The default body: tables by category, or by each dimension but the month. */
  tables(s: SectionDef): string {
    if (s.category?.kind === 'outcome') return this.outcomeTables(s);
    if (s.category) return this.categoryTables(s);
    const parts = s.dims
      .filter((d) => d !== 'month')
      .map((dim) => this.breakdown(s, dim))
      .join('');
    return (
      parts ||
      table(
        'I alt',
        ['', ...s.figures.map((f) => f.label)],
        [],
        ['I alt', ...s.figures.map((f) => this.value(f.key, f.unit))],
      )
    );
  }

  private async section(s: SectionDef): Promise<string> {
    const parts = [`<h2 id="${s.key}">${esc(s.title)}</h2>`, `<p>${esc(s.intro)}</p>`];
    if (!this.hasData(s)) parts.push(`<p class="empty">${esc(emptyText(s))}</p>`);
    else parts.push(await (SECTION_BODIES[s.key] ?? ((r, x) => r.tables(x)))(this, s));
    return parts.join('\n');
  }

  /**
   * Spending on treatment abroad and at private hospitals: the total with the offers lacking a price, the tables
   * by region, cancer area, provider kind and country, and the spending per month.
   */
  /** Sample audits of the period, one row each with their findings, then the findings by cancer area. */
  auditsBody(s: SectionDef): string {
    const n = (v: number) => formatNumber(v);
    const list = table(
      'Stikprøver med undersøgt periode i rapportperioden',
      [
        'Stikprøve',
        'Kriterium',
        'Undersøgt periode',
        'Startværdi',
        'Udtrukket',
        'Opfyldt',
        'Ikke opfyldt',
        'Uafklaret',
        'Ikke vurderet',
        'Status',
      ],
      this.data.audits.map((a) => [
        esc(a.title),
        esc(
          `${this.names.of('cancerArea', a.cancerArea)}: ${(AUDIT_CRITERION_DA[a.criterion] ?? a.criterion).toLowerCase()}`,
        ),
        esc(`${formatDateDa(a.periodFrom)} – ${formatDateDa(a.periodTo)}`),
        String(a.seed),
        `${n(a.sampled)} af ${n(a.population)}`,
        n(a.met),
        n(a.notMet),
        n(a.unclear),
        n(a.notAssessed),
        esc(AUDIT_STATUS_DA[a.status] ?? a.status),
      ]),
    ).replace('<table>', '<table class="audits">');
    const conclusions = this.data.audits
      .filter((a) => a.conclusion)
      .map((a) => `<li><strong>${esc(a.title)}:</strong> ${esc(a.conclusion!)}</li>`);
    return list + (conclusions.length ? `<p>Konklusioner:</p><ul>${conclusions.join('')}</ul>` : '') + this.tables(s);
  }

  async costBody(s: SectionDef): Promise<string> {
    const [accepted, spending, noPrice] = ['cost.accepted', 'cost.spending_dkk', 'cost.no_price'];
    const missing = this.idx.get(noPrice) ?? 0;
    const lead = [
      '<p>',
      `Udgift i alt: <strong>${this.value(spending, 'dkk')}</strong> for <strong>${formatNumber(this.idx.get(accepted))}</strong> accepterede tilbud. `,
      missing
        ? `<strong>${formatNumber(missing)}</strong> accepterede tilbud har ingen pris i aftalen på tilbudsdatoen og indgår ikke i udgiften.`
        : 'Alle accepterede tilbud har en pris i aftalen.',
      '</p>',
    ].join('');
    const countries = this.present(
      s.figures.map((f) => f.key),
      'category',
    );
    const byCountry = table(
      'Fordelt på land',
      ['Land', ...s.figures.map((f) => f.label)],
      countries.map((c) => [
        esc(this.names.of('category', c)),
        ...s.figures.map((f) => this.value(f.key, f.unit, { category: c })),
      ]),
      ['I alt', ...s.figures.map((f) => this.value(f.key, f.unit))],
    );
    const months = this.data.period.months;
    const labels = months.map((m) => formatMonthDa(m));
    const data = months.map((m, i) => ({
      label: labels[i],
      series: 'Udgift',
      value: this.idx.get(spending, { month: m }) ?? 0,
      rank: 0,
    }));
    const svg = await barChart({
      data,
      categories: labels,
      series: ['Udgift'],
      colors: ['#6a1b9a'],
      axisTitle: 'Udgift, kr.',
      categoryTitle: 'Måned',
      format: ',d',
    });
    const monthly = table(
      'Pr. måned',
      ['Måned', ...s.figures.map((f) => f.label)],
      months.map((m, i) => [esc(labels[i]), ...s.figures.map((f) => this.value(f.key, f.unit, { month: m }))]),
      ['I alt', ...s.figures.map((f) => this.value(f.key, f.unit))],
    );
    return [
      lead,
      this.breakdown(s, 'region'),
      this.breakdown(s, 'cancerArea'),
      this.breakdown(s, 'providerKind'),
      byCountry,
      `<figure><figcaption>Udgift pr. måned</figcaption>${svg}</figure>`,
      monthly,
    ].join('');
  }

  async render(jsonSha256: string, opts: HtmlOptions = {}): Promise<string> {
    const { title, period } = this.data;
    const toc = tocEntries()
      .map(([k, t]) => `<li><a href="#${k}">${esc(t)}</a><span class="page">${opts.tocPages?.[k] ?? ''}</span></li>`)
      .join('');
    const sections: string[] = [];
    for (const s of SECTIONS) sections.push(await this.section(s));
    return [
      '<!DOCTYPE html>',
      '<html lang="da" xmlns="http://www.w3.org/1999/xhtml">',
      `<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${esc(title)}</title><style>${STYLE}</style></head>`,
      '<body>',
      `<h1>${esc(title)}</h1>`,
      `<p class="meta">Periode: ${formatDateDa(period.from)} – ${formatDateDa(period.lastDay)}. Tværregional specialenhed for behandling af livstruende sygdomme, til Danske Regioners bestyrelse og Task Force for Patientforløb på Kræft- og Hjerteområdet.</p>`,
      `<nav><h2 class="toc">Indhold</h2><ol>${toc}</ol></nav>`,
      '<h2 id="sammenfatning">Sammenfatning</h2>',
      this.summary(),
      this.regionsNote(),
      ...sections,
      '<h2 id="trend">Udvikling pr. måned</h2>',
      await this.trend(),
      this.appendix(),
      `<p class="meta">Samme data giver samme rapport, byte for byte. SHA-256 af JSON-udgaven: <code>${esc(jsonSha256)}</code>.</p>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }
}

export interface HtmlOptions {
  /** Page number of each table-of-contents entry (section key → page), filled in for the PDF. */
  tocPages?: Record<string, number>;
}

/** Section keys and titles of the table of contents, in page order; the ids the headings carry. */
export function tocEntries(): [string, string][] {
  return [
    ['sammenfatning', 'Sammenfatning'],
    ...SECTIONS.map((s): [string, string] => [s.key, s.title]),
    ['trend', 'Udvikling pr. måned'],
    ['bilag', 'Bilag: Definitioner'],
  ];
}

/**
 * What a section shows besides its heading and intro when it has data; sections not listed get tables by category
 * or dimension. A new section adds its renderer here (or nothing, for the default tables).
 */
const SECTION_BODIES: Record<string, (r: HtmlReport, s: SectionDef) => Promise<string> | string> = {
  offers: async (r, s) => (await r.offersChart()) + r.tables(s),
  declines: async (r, s) =>
    (await r.reasonsChart('declines.by_reason', 'Afslag fordelt på årsag', '#c62828')) + r.tables(s),
  abroad: async (r, s) => r.taskForceSummary() + (await r.abroadChart()) + r.tables(s),
  abroad_reasons: async (r, s) =>
    (await r.reasonsChart('abroad.declined_by_reason', 'Afslag på tilbud i udlandet fordelt på årsag', '#ef6c00')) +
    r.tables(s),
  cost: (r, s) => r.costBody(s),
  audits: (r, s) => r.auditsBody(s),
  [DISTANCE_SECTION.key]: async (r, s) => (await distanceChart(r.data)) + r.tables(s),
};

/** The report as one self-contained Danish HTML page (inline CSS and SVG charts, no scripts), valid as XML too. */
export function renderHtml(data: ReportData, jsonSha256: string, opts: HtmlOptions = {}): Promise<string> {
  return new HtmlReport(data).render(jsonSha256, opts);
}
