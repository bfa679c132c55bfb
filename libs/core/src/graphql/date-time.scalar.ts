import { isValidISODate } from '@app/deadline';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// RFC 3339 date-time with a mandatory offset: a wall-clock time without one would be read in the server's zone.
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;

/** Parses an ISO 8601 instant strictly: a real calendar date, a valid time, and an explicit offset (Z or ±hh:mm). */
export function parseInstant(value: unknown): Date {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!m || !isValidISODate(m[1])) {
    throw new GraphQLError(
      `Expected an instant like 2027-06-01T10:00:00Z or 2027-06-01T12:00:00+02:00 (a real date and an explicit offset), got ${JSON.stringify(value)}`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  const d = new Date(value as string);
  if (Number.isNaN(d.getTime()))
    throw new GraphQLError(`Not an instant: ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return d;
}

/**
 * `DateTime` for every `Date` field (buildSchemaOptions.scalarsMap). Replaces Nest's GraphQLISODateTime, whose
 * `new Date(value)` silently turns 2027-02-30 into 2027-03-02 and reads an offset-less time as server-local.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with an explicit offset, e.g. 2027-06-01T10:00:00Z; returned in UTC.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? new Date(v).toISOString() : null),
  parseValue: parseInstant,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('Expected an instant string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseInstant(ast.value);
  },
});
