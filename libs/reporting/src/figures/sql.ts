import { ALL, Dim, DIM_COLUMN, DIMS, REGION_ON_CTE, SectionDef } from './registry';

/** The totals and breakdowns every section is computed at (restricted to the section's dimensions). */
const BASE_SETS: Dim[][] = [
  [],
  ['cancerArea'],
  ['region'],
  ['providerKind'],
  ['month'],
  ['cancerArea', 'region', 'providerKind'],
  ['cancerArea', 'region', 'providerKind', 'month'],
];

/** Grouping sets of a section as column lists, deduplicated, each with the category column when it has one. */
export function groupingSets(section: SectionDef): string[][] {
  const seen = new Set<string>();
  const sets: string[][] = [];
  for (const base of BASE_SETS) {
    const dims = base.filter((d) => section.dims.includes(d)).map((d) => DIM_COLUMN[d]);
    const variants = !section.category
      ? [dims]
      : section.category.totals
        ? [[...dims, 'category'], dims]
        : [[...dims, 'category']];
    for (const cols of variants) {
      const key = cols.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        sets.push(cols);
      }
    }
  }
  return sets;
}

function dimSelect(section: SectionDef, dim: Dim): string {
  const col = DIM_COLUMN[dim];
  if (section.dims.includes(dim))
    return `CASE WHEN GROUPING(${col}) = 1 THEN '${ALL}' ELSE coalesce(${col}, '') END AS d_${col}`;
  const fixed = section.fixed?.[dim];
  return `'${fixed ?? ALL}'::text AS d_${col}`;
}

/** One aggregate statement for a section: its source grouped by GROUPING SETS, one output column per figure. */
export function sectionSql(section: SectionDef): string {
  const select = [
    ...DIMS.map((d) => dimSelect(section, d)),
    section.category ? `coalesce(category, '') AS d_category` : `''::text AS d_category`,
    ...section.figures.map((f, i) => `${f.sql} AS f${i}`),
  ];
  const sets = groupingSets(section).map((cols) => `(${cols.join(', ')})`);
  return `WITH ${REGION_ON_CTE},
src AS (
${section.source}
)
SELECT ${select.join(',\n       ')}
  FROM src
 GROUP BY GROUPING SETS (${sets.join(', ')})`;
}

/** The section's source rows themselves (one per counted thing), for tests and checks; the report never loads these. */
export function sourceRowsSql(section: SectionDef): string {
  return `WITH ${REGION_ON_CTE},
src AS (
${section.source}
)
SELECT * FROM src`;
}
