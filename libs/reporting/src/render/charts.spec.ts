import { barChart, ChartDatum, lineChart, wholeNumberTicks } from './charts';

/** Text of the tick labels of the axis whose title is `title` (vega writes one `role-axis` group per axis). */
function axisLabels(svg: string, title: string): string[] {
  const axes = svg.split('class="mark-group role-axis"').slice(1);
  const axis = axes.find((a) => a.includes(`>${title}</text>`));
  if (!axis) throw new Error(`no axis titled ${title}`);
  const labels = axis.split('role-axis-label')[1]?.split('</g>')[0] ?? '';
  return [...labels.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

interface DrawnLine {
  series: string;
  order: number;
  d: string;
  width: number;
  dash: string;
}

/** The line paths of a line chart in drawing order, with their series (from the aria-label vega writes). */
function drawnLines(svg: string): DrawnLine[] {
  const paths = [...svg.matchAll(/<path [^>]*aria-roledescription="line mark"[^>]*>/g)].map((m) => m[0]);
  return paths.map((p, order) => ({
    series: /series: ([^";]+)/.exec(p)![1],
    order,
    d: /\sd="([^"]+)"/.exec(p)![1],
    width: Number(/stroke-width="([\d.]+)"/.exec(p)?.[1] ?? 1),
    dash: /stroke-dasharray="([^"]+)"/.exec(p)?.[1] ?? '',
  }));
}

interface DrawnPoint {
  series: string;
  order: number;
  at: string;
  shape: string;
  scale: number;
}

function drawnPoints(svg: string): DrawnPoint[] {
  const paths = [...svg.matchAll(/<path [^>]*aria-roledescription="point"[^>]*>/g)].map((m) => m[0]);
  return paths.map((p, order) => ({
    series: /series: ([^";]+)/.exec(p)![1],
    order,
    at: /transform="translate\(([^)]+)\)"/.exec(p)![1],
    shape: /\sd="([^"]+)"/.exec(p)![1],
    scale: halfExtent(/\sd="([^"]+)"/.exec(p)![1]),
  }));
}

/** Largest |x| or |y| a vega symbol path reaches around its centre (M/L absolute, h/v/l relative, A arcs by radius). */
function halfExtent(d: string): number {
  let x = 0;
  let y = 0;
  let max = 0;
  for (const [, cmd, args] of d.matchAll(/([MLHVAZmlhvaz])([^MLHVAZmlhvaz]*)/g)) {
    const n = (args.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
    if (cmd === 'M' || cmd === 'L') [x, y] = n;
    else if (cmd === 'l') [x, y] = [x + n[0], y + n[1]];
    else if (cmd === 'h') x += n[0];
    else if (cmd === 'v') y += n[0];
    else if (cmd === 'A') {
      max = Math.max(max, n[0], n[1]);
      [x, y] = [n[5], n[6]];
    }
    max = Math.max(max, Math.abs(x), Math.abs(y));
  }
  return max;
}

const MONTHS = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

/** The demo's shape of the trend: every offer abroad accepted, so two series coincide in every month. */
function trendData(): { data: ChartDatum[]; series: string[] } {
  const series = ['Tilbud givet', 'Accepteret', 'Afslået', 'Tilbud i udlandet'];
  const made = [3, 4, 2, 0, 1, 4, 0, 0, 2, 3, 4, 1];
  const accepted = [1, 1, 0, 0, 1, 2, 0, 0, 1, 1, 2, 0];
  const declined = made.map((m, i) => Math.min(m - accepted[i], 1));
  const abroad = accepted; // coincides with Accepteret everywhere
  const values = [made, accepted, declined, abroad];
  return {
    series,
    data: MONTHS.flatMap((label, mi) => series.map((s, si) => ({ label, series: s, value: values[si][mi], rank: si }))),
  };
}

describe('chart rendering', () => {
  it('wholeNumberTicks: distinct whole numbers from 0, at most 8, covering the maximum', () => {
    expect(wholeNumberTicks(0)).toEqual([0, 1]);
    expect(wholeNumberTicks(3)).toEqual([0, 1, 2, 3]);
    expect(wholeNumberTicks(4.5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(wholeNumberTicks(9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(wholeNumberTicks(1234)).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400]);
    for (let max = 0; max < 3000; max += 7) {
      const t = wholeNumberTicks(max);
      expect(t.length).toBeLessThanOrEqual(8);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      expect(t.every((v) => Number.isInteger(v))).toBe(true);
    }
  });

  it('the trend chart: count axis ticks are distinct integers', async () => {
    const { data, series } = trendData();
    const svg = await lineChart({
      data,
      categories: MONTHS,
      series,
      colors: ['#1565c0', '#2e7d32', '#c62828', '#ef6c00'],
      axisTitle: 'Antal tilbud',
    });
    const ticks = axisLabels(svg, 'Antal tilbud');
    expect(ticks.length).toBeGreaterThan(2);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const t of ticks) expect(t).toMatch(/^\d{1,3}(\.\d{3})*$/);
    expect(axisLabels(svg, 'Antal tilbud')[0]).toBe('0');
  });

  it('a stacked bar chart of small counts: count axis ticks are distinct integers', async () => {
    const data: ChartDatum[] = [
      { label: 'Brystkræft', series: 'Accepteret', value: 1, rank: 0 },
      { label: 'Brystkræft', series: 'Afslået', value: 1, rank: 1 },
      { label: 'Lungekræft', series: 'Accepteret', value: 0, rank: 0 },
      { label: 'Lungekræft', series: 'Afslået', value: 1, rank: 1 },
    ];
    const svg = await barChart({
      data,
      categories: ['Brystkræft', 'Lungekræft'],
      series: ['Accepteret', 'Afslået'],
      colors: ['#2e7d32', '#c62828'],
      axisTitle: 'Antal tilbud i udlandet',
      categoryTitle: 'Kræftområde',
    });
    const ticks = axisLabels(svg, 'Antal tilbud i udlandet');
    expect(ticks).toEqual(['0', '1', '2']);
  });

  it('no series of the trend chart is fully covered by another, even where values coincide', async () => {
    const { data, series } = trendData();
    const svg = await lineChart({
      data,
      categories: MONTHS,
      series,
      colors: ['#1565c0', '#2e7d32', '#c62828', '#ef6c00'],
      axisTitle: 'Antal tilbud',
    });
    const lines = drawnLines(svg);
    expect(lines.map((l) => l.series).sort()).toEqual([...series].sort());
    // Coinciding geometry: the one drawn later must be strictly narrower, so the earlier one shows around it.
    let coinciding = 0;
    for (const a of lines) {
      for (const b of lines) {
        if (b.order <= a.order || a.d !== b.d) continue;
        coinciding++;
        expect([a.series, b.series, a.width > b.width]).toEqual([a.series, b.series, true]);
      }
    }
    expect(coinciding).toBeGreaterThan(0); // the data makes Accepteret and Tilbud i udlandet coincide
    // Every series has its own dash pattern (colour alone is not enough in print or for colour-blind readers).
    expect(new Set(lines.map((l) => l.dash)).size).toBe(series.length);
    // Markers at the same place: the later one is smaller than the earlier one.
    const points = drawnPoints(svg);
    expect(points.length).toBe(series.length * MONTHS.length);
    for (const a of points) {
      for (const b of points) {
        if (b.order > a.order && a.at === b.at)
          expect([a.series, b.series, a.scale > b.scale]).toEqual([a.series, b.series, true]);
      }
    }
    expect(new Set(series.map((s) => points.find((p) => p.series === s)!.shape.replace(/[\d.-]+/g, '#'))).size).toBe(
      series.length,
    );
  });

  it('charts are drawn to the page width: a viewBox the page scales, at least 800 units wide', async () => {
    const { data, series } = trendData();
    const svg = await lineChart({
      data,
      categories: MONTHS,
      series,
      colors: ['#1565c0', '#2e7d32', '#c62828', '#ef6c00'],
      axisTitle: 'Antal tilbud',
    });
    const [, w] = /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(svg)!;
    expect(Number(w)).toBeGreaterThanOrEqual(800);
  });
});

describe('chart legends', () => {
  it('the trend chart has one legend naming every series', async () => {
    const { data, series } = trendData();
    const svg = await lineChart({
      data,
      categories: MONTHS,
      series,
      colors: ['#1565c0', '#2e7d32', '#c62828', '#ef6c00'],
      axisTitle: 'Antal tilbud',
    });
    const labels = svg
      .split('role-legend-label')
      .slice(1)
      .flatMap((part) => [...(/<text[^>]*>([^<]*)<\/text>/.exec(part) ?? [])].slice(1, 2));
    expect(labels).toEqual(series);
  });
});
