/** The Date scalar: ISO-8601 calendar dates (YYYY-MM-DD), checked to be real days. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isoDate.test(value)) {
    throw new GraphQLError(`Date must be a string YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`Date ${value} is not a real calendar day`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO-8601 calendar date, YYYY-MM-DD.',
  serialize: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('Date cannot represent a non-string value');
    return value;
  },
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string literal YYYY-MM-DD');
    return parseDate(ast.value);
  },
});
