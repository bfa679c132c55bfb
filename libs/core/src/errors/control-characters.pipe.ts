import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { badInput } from './domain-error';

// C0 controls except tab, line feed and carriage return (notes may have line breaks), and DEL. PostgreSQL text
// cannot hold NUL at all, and the others have no business in names, references or notes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** GraphQL arguments (paramtype 3) and REST body, query and route parameters; not the parent object or the actor. */
const CHECKED = new Set<unknown>(['body', 'query', 'param', 3]);

/** First property path whose string holds a control character, e.g. "note" or "input.name". */
export function findControlCharacter(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const hit = findControlCharacter(v, path);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      const hit = findControlCharacter(v, k);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Input-layer guard in front of the ValidationPipe: a NUL or other control character in any text input is
 * BAD_USER_INPUT naming the field, instead of reaching PostgreSQL (22021) as an internal error.
 */
@Injectable()
export class ControlCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED.has(metadata.type)) return value;
    const field = findControlCharacter(value, metadata.data ?? 'input');
    if (field) throw badInput(field, `${field} contains a control character (e.g. NUL); remove it and try again`);
    return value;
  }
}
