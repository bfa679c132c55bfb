import { invalidDate, parseDayNumber } from './date';
import { DeadlineInputError } from './errors';
import { PAUSE_REASONS } from './types';

export const PATIENT_CHOICE = 1;
export const HEALTH = 2;

/**
 * Validated pauses as day numbers (`from` inclusive, `to` exclusive) and reason codes, in typed arrays that are
 * reused by every call: computeDeadline runs in hot loops and the module is synchronous, so sharing is safe as
 * long as a caller reads the result before loading the next list.
 */
export interface LoadedPauses {
  count: number;
  from: Int32Array;
  to: Int32Array;
  reason: Uint8Array;
}

const loaded: LoadedPauses = { count: 0, from: new Int32Array(16), to: new Int32Array(16), reason: new Uint8Array(16) };

function ensureCapacity(size: number): void {
  if (size <= loaded.from.length) return;
  const capacity = Math.max(size, loaded.from.length * 2);
  loaded.from = new Int32Array(capacity);
  loaded.to = new Int32Array(capacity);
  loaded.reason = new Uint8Array(capacity);
}

/**
 * Validates a pauses array (absent or null means none) into the shared buffers, in input order.
 * Errors name the element, e.g. 'pauses[1].to'; field names are only built on the error path.
 */
export function loadPauses(pauses: unknown): LoadedPauses {
  loaded.count = 0;
  if (pauses === undefined || pauses === null) return loaded;
  if (!Array.isArray(pauses)) throw new DeadlineInputError('pauses', 'must be an array of pauses');
  ensureCapacity(pauses.length);
  for (let i = 0; i < pauses.length; i++) {
    const pause: unknown = pauses[i];
    if (typeof pause !== 'object' || pause === null) {
      throw new DeadlineInputError(`pauses[${i}]`, 'must be an object with from, to and reason');
    }
    const { from, to, reason } = pause as Record<string, unknown>;
    const fromDay = parseDayNumber(from);
    if (Number.isNaN(fromDay)) throw invalidDate(from, `pauses[${i}].from`);
    const toDay = parseDayNumber(to);
    if (Number.isNaN(toDay)) throw invalidDate(to, `pauses[${i}].to`);
    if (toDay < fromDay) {
      throw new DeadlineInputError(`pauses[${i}].to`, `${String(to)} is before from (${String(from)})`);
    }
    const code = reason === 'PATIENT_CHOICE' ? PATIENT_CHOICE : reason === 'HEALTH' ? HEALTH : 0;
    if (code === 0) {
      const message = `unknown pause reason '${String(reason)}'; expected one of ${PAUSE_REASONS.join(', ')}`;
      throw new DeadlineInputError(`pauses[${i}].reason`, message);
    }
    loaded.from[i] = fromDay;
    loaded.to[i] = toDay;
    loaded.reason[i] = code;
  }
  loaded.count = pauses.length;
  return loaded;
}

/** Sorts the loaded pauses by `from` (reasons are left in place: only the day ranges are needed in order). */
export function sortLoadedPauses(pauses: LoadedPauses): void {
  const { count, from, to } = pauses;
  if (count > 64) {
    const pairs = Array.from({ length: count }, (_, i) => [from[i], to[i]] as const).sort((a, b) => a[0] - b[0]);
    pairs.forEach(([f, t], i) => {
      from[i] = f;
      to[i] = t;
    });
    return;
  }
  // Insertion sort: pathways have a handful of pauses, where it beats Array.prototype.sort and allocates nothing.
  for (let i = 1; i < count; i++) {
    const f = from[i];
    const t = to[i];
    let j = i - 1;
    while (j >= 0 && from[j] > f) {
      from[j + 1] = from[j];
      to[j + 1] = to[j];
      j--;
    }
    from[j + 1] = f;
    to[j + 1] = t;
  }
}
