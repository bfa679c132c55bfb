import * as vega from 'vega';
import { compile, TopLevelSpec } from 'vega-lite';

/** A labelled bar/point in a chart; `series` is the colour (status, reason …), `rank` fixes the stacking order. */
export interface ChartDatum {
  label: string;
  series: string;
  value: number;
  rank: number;
}

/** Danish number format for axis labels; vega reads {number} specs here although its typings say formatters. */
const LOCALE = { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' kr.'] } };
/**
 * Drawing width in SVG units. The page scales every chart to its full width (CSS `width: 100%`, the SVG has a
 * viewBox), so this only sets the proportions and the font size relative to the page: ≈ 11 px text on a 60rem page.
 */
export const CHART_WIDTH = 900;
const CONFIG = {
  font: 'sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
  legend: {
    labelFontSize: 12,
    titleFontSize: 12,
    orient: 'bottom',
    labelLimit: 300,
    symbolSize: 160,
    symbolStrokeWidth: 2.5,
  },
} as const;

/**
 * Ticks for an axis of counts or kroner: distinct whole numbers 0, s, 2s … with s ∈ {1, 2, 5} × 10^k, at most
 * `maxTicks` of them, the last ≥ max. vega's own tick choice gives 0 0 0 1 1 1 for small counts once formatted as
 * integers, which makes a reader doubt every number.
 */
export function wholeNumberTicks(max: number, maxTicks = 8): number[] {
  const top = Math.max(1, Math.ceil(Number.isFinite(max) ? max : 0));
  let step = 1;
  for (let k = 1; ; k *= 10) {
    const s = [1, 2, 5].map((m) => m * k).find((c) => Math.ceil(top / c) + 1 <= maxTicks);
    if (s) {
      step = s;
      break;
    }
  }
  const n = Math.ceil(top / step);
  return Array.from({ length: n + 1 }, (_, i) => i * step);
}

// vega numbers SVG clip/gradient ids from a module-level counter: reset it per chart and never render two at once.
const resetSvgIds = (vega as unknown as { resetSVGDefIds: () => void }).resetSVGDefIds;
let queue: Promise<unknown> = Promise.resolve();

/** vega-lite → vega → SVG string, server-side without a canvas (text widths are estimated, hence deterministic). */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  const run = queue.then(async () => {
    resetSvgIds();
    const view = new vega.View(vega.parse(compile(spec).spec), {
      renderer: 'none',
      locale: LOCALE,
    } as unknown as vega.ViewOptions);
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Axis of a count (or kroner) with explicit whole-number ticks and a domain ending at the last tick. */
function countAxis(max: number, title: string, format = ',d') {
  const ticks = wholeNumberTicks(max);
  return {
    scale: { domain: [0, ticks[ticks.length - 1]], nice: false, zero: true },
    axis: { values: ticks, format, title, tickCount: ticks.length, grid: true },
  };
}

/** Horizontal bars, stacked by series when there is more than one; categories keep the order given. */
export function barChart(opts: {
  data: ChartDatum[];
  categories: string[];
  series: string[];
  colors: string[];
  axisTitle: string;
  categoryTitle: string;
  format?: string;
}): Promise<string> {
  const stacked = opts.series.length > 1;
  const totals = new Map<string, number>();
  for (const d of opts.data) totals.set(d.label, (stacked ? (totals.get(d.label) ?? 0) : 0) + d.value);
  const ax = countAxis(Math.max(0, ...totals.values()), opts.axisTitle, opts.format);
  return renderSvg({
    width: CHART_WIDTH - 300,
    height: { step: 26 },
    config: CONFIG,
    data: { values: opts.data },
    mark: { type: 'bar', stroke: 'white', strokeWidth: stacked ? 1 : 0 },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: opts.categories,
        title: opts.categoryTitle,
        axis: { labelLimit: 280 },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        stack: stacked ? 'zero' : null,
        title: opts.axisTitle,
        scale: ax.scale,
        axis: ax.axis,
      },
      color: stacked
        ? { field: 'series', type: 'nominal', scale: { domain: opts.series, range: opts.colors }, title: null }
        : { value: opts.colors[0] },
      order: { field: 'rank', type: 'quantitative' },
      tooltip: null,
    },
  });
}

/** Dash patterns and marker shapes of the line chart's series, in series order. */
export const LINE_DASHES: number[][] = [
  [1, 0],
  [8, 4],
  [2, 3],
  [12, 3, 2, 3],
];
export const LINE_SHAPES = ['circle', 'square', 'triangle-up', 'diamond'];

/**
 * One line per series over the months of the period (months without activity are plotted as 0). Series stay
 * apart where their values coincide: each has its own colour, dash pattern and marker shape, and the series are
 * drawn in order from the widest line and largest marker to the narrowest, so a later line lies inside an earlier one
 * and the earlier one shows on both sides of it.
 */
export function lineChart(opts: {
  data: ChartDatum[];
  categories: string[];
  series: string[];
  colors: string[];
  axisTitle: string;
}): Promise<string> {
  const n = opts.series.length;
  const ax = countAxis(Math.max(0, ...opts.data.map((d) => d.value)), opts.axisTitle);
  const bySeries = (range: unknown) => ({
    field: 'series',
    type: 'nominal',
    sort: opts.series,
    scale: { domain: opts.series, range },
    title: null,
  });
  const dash = bySeries(opts.series.map((_, i) => LINE_DASHES[i % LINE_DASHES.length]));
  const shape = bySeries(opts.series.map((_, i) => LINE_SHAPES[i % LINE_SHAPES.length]));
  const only = (s: string) => [{ filter: { field: 'series', equal: s } }];
  // One layer per series with a constant width (an encoded width would need its own legend and drop the shared one).
  const lines = opts.series.map((s, i) => ({
    transform: only(s),
    mark: { type: 'line', strokeWidth: 1.75 + 2 * (n - 1 - i) },
    encoding: { strokeDash: dash },
  }));
  const points = opts.series.map((s, i) => ({
    transform: only(s),
    mark: { type: 'point', filled: true, opacity: 1, stroke: 'white', strokeWidth: 1, size: 45 + 60 * (n - 1 - i) },
    encoding: { shape },
  }));
  return renderSvg({
    width: CHART_WIDTH - 80,
    height: 280,
    config: CONFIG,
    data: { values: opts.data },
    encoding: {
      x: {
        field: 'label',
        type: 'ordinal',
        sort: opts.categories,
        title: null,
        axis: { labelAngle: 0 },
        scale: { padding: 0.3 },
      },
      y: { field: 'value', type: 'quantitative', title: opts.axisTitle, scale: ax.scale, axis: ax.axis },
      color: bySeries(opts.colors),
    },
    layer: [...lines, ...points],
  } as TopLevelSpec);
}
