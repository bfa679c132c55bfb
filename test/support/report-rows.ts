import { FigureRow } from '../../libs/reporting/src/figures/query';
import { ALL } from '../../libs/reporting/src/figures/registry';
import { RowSelector } from '../../libs/reporting/src/model';

/** One figure row of a hand-made report data set: totals over every dimension unless `s` says otherwise. */
export const row = (figure: string, value: number | null, s: RowSelector = {}): FigureRow => ({
  figure,
  cancerArea: ALL,
  region: ALL,
  providerKind: ALL,
  month: ALL,
  category: '',
  value,
  ...s,
});
