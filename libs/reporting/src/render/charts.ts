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
const WIDTH = 560;
const CONFIG = {
  font: 'sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', labelLimit: 260 },
} as const;

// vega numbers SVG clip/gradient ids from a module-level counter: reset it per chart and never render two at once.
const resetSvgIds = (vega as unknown as { resetSVGDefIds: () => void }).resetSVGDefIds;
let queue: Promise<unknown> = Promise.resolve();

/** vega-lite → vega → SVG string, server-side without a canvas (text widths are estimated, hence deterministic). */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  const run = queue.then(async () => {
    resetSvgIds();
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', locale: LOCALE } as unknown as vega.ViewOptions);
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Horizontal bars, stacked by series when there is more than one; categories keep the order given. */
export function barChart(opts: { data: ChartDatum[]; categories: string[]; series: string[]; colors: string[]; axisTitle: string; categoryTitle: string }): Promise<string> {
  const stacked = opts.series.length > 1;
  return renderSvg({
    width: WIDTH - 260,
    height: { step: 22 },
    config: CONFIG,
    data: { values: opts.data },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: opts.categories, title: opts.categoryTitle, axis: { labelLimit: 320 } },
      x: { field: 'value', type: 'quantitative', stack: stacked ? 'zero' : null, title: opts.axisTitle, axis: { tickMinStep: 1, format: ',d' } },
      color: stacked
        ? { field: 'series', type: 'nominal', scale: { domain: opts.series, range: opts.colors }, title: null }
        : { value: opts.colors[0] },
      order: { field: 'rank', type: 'quantitative' },
      tooltip: null,
    },
  });
}

/** One line per series over the months of the period (months without activity are plotted as 0). */
export function lineChart(opts: { data: ChartDatum[]; categories: string[]; series: string[]; colors: string[]; axisTitle: string }): Promise<string> {
  return renderSvg({
    width: WIDTH,
    height: 220,
    config: CONFIG,
    data: { values: opts.data },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: opts.categories, title: null, axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: opts.axisTitle, axis: { tickMinStep: 1, format: ',d' } },
      color: { field: 'series', type: 'nominal', scale: { domain: opts.series, range: opts.colors }, title: null },
    },
  });
}
