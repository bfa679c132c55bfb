// A date field that shows and accepts Danish dates (`1. dec. 2026`, `1-12-2026`, `2026-12-01`); the value is a LocalDate.
import { DateInput, type DateInputProps } from '@mantine/dates';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

export function parseDanishDate(input: string): string | null {
  const s = input.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[.\-/ ]\s*(\d{1,2})[.\-/ ]\s*(\d{4})$/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]);
  m = /^(\d{1,2})\.?\s*([a-zæøå]{3})[a-zæøå]*\.?\s*(\d{4})$/.exec(s);
  if (m && MONTHS.includes(m[2])) return valid(+m[3], MONTHS.indexOf(m[2]) + 1, +m[1]);
  return null;
}

function valid(y: number, mo: number, d: number): string | null {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
    ? `${y}-${pad(mo)}-${pad(d)}`
    : null;
}

export function DateField({
  value,
  onChange,
  ...rest
}: Omit<DateInputProps, 'value' | 'onChange'> & { value: string | null; onChange: (v: string | null) => void }) {
  return (
    <DateInput
      valueFormat="D. MMM YYYY"
      dateParser={(s) => parseDanishDate(s)}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      {...rest}
    />
  );
}
