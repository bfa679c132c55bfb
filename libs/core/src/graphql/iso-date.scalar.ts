import { isValidISODate, todayInCopenhagen } from '@app/deadline';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isValidISODate(value)) {
    throw new GraphQLError(`Expected a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A Danish calendar date as 'YYYY-MM-DD'; validated on input so services never see 2025-02-30. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: "Calendar date 'YYYY-MM-DD' (no time zone)",
  // A Date here is an instant: its Danish calendar date is the one in Copenhagen, not in UTC.
  serialize: (v) => (v instanceof Date ? todayInCopenhagen(v) : String(v)),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('Expected a date string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parse(ast.value);
  },
});
