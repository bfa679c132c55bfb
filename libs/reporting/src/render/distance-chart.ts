import { DISTANCE_BAND_ORDER, DISTANCE_BANDS_DA } from '../figures/distance';
import { FigureIndex, ReportData } from '../model';
import { barChart } from './charts';

/** "Afslag og afstand": accepted and declined offers per distance band, nationally (stacked bars). */
export async function distanceChart(data: ReportData): Promise<string> {
  const idx = new FigureIndex(data.rows);
  const bands = DISTANCE_BAND_ORDER.filter((b) => (idx.get('distance.offers', { category: b }) ?? 0) > 0);
  if (!bands.length) return '<p class="empty">Ingen tilbud i perioden.</p>';
  const labels = bands.map((b) => DISTANCE_BANDS_DA[b]);
  const series = ['Accepteret', 'Afslået'];
  const chartData = bands.flatMap((b, i) => [
    { label: labels[i], series: series[0], value: idx.get('distance.accepted', { category: b }) ?? 0, rank: 0 },
    { label: labels[i], series: series[1], value: idx.get('distance.declined', { category: b }) ?? 0, rank: 1 },
  ]);
  const svg = await barChart({
    data: chartData,
    categories: labels,
    series,
    colors: ['#2e7d32', '#c62828'],
    axisTitle: 'Antal tilbud',
    categoryTitle: 'Afstand',
  });
  return `<figure><figcaption>Accepterede og afslåede tilbud pr. afstand, hele landet</figcaption>${svg}</figure>`;
}
