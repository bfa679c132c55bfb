// Form fields shared by the screens: a Danish date field (Mantine DateInput) and Copenhagen time helpers.
import { DateInput, type DateInputProps } from '@mantine/dates';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** Accepts `2026-12-01`, `1.12.2026`, `1-12-2026` and `1. dec. 2026`. */
export function parseDanishDate(input: string): string | null {
  const s = input.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  if (m) return iso(+m[3], +m[2], +m[1]);
  m = /^(\d{1,2})\.?\s*([a-zæøå]{3})[a-zæøå]*\.?\s*(\d{4})$/.exec(s);
  if (m && MONTHS.includes(m[2])) return iso(+m[3], MONTHS.indexOf(m[2]) + 1, +m[1]);
  return null;
}

function iso(y: number, mo: number, d: number): string | null {
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

export function DateField(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  return (
    <DateInput
      valueFormat="D. MMM YYYY"
      dateParser={parseDanishDate}
      placeholder="fx 1. dec. 2026"
      clearButtonProps={{ 'aria-label': 'Ryd dato' }}
      {...props}
    />
  );
}

/** Europe/Copenhagen wall-clock date + `HH:MM` → ISO instant (DST-correct). */
export function copenhagenInstant(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetAt(guess);
  return new Date(guess).toISOString();
}

function offsetAt(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) -
    Math.floor(instant / 60000) * 60000
  );
}

/** The Copenhagen calendar date of an instant, `YYYY-MM-DD`. */
export function copenhagenDate(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
}
