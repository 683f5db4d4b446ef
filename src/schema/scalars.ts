import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { JsonObject } from '../stytch/types.js';
import { builder } from './builder.js';

/**
 * Stytch sends RFC 3339 strings (sometimes with nanoseconds). Re-formatting through `Date` would
 * lose precision, so the value passes through exactly as Stytch sent it.
 */
builder.scalarType('DateTime', {
  description:
    'An RFC 3339 timestamp in UTC, exactly as Stytch sent it (it may carry fractional seconds).',
  serialize: (value) => {
    if (typeof value !== 'string') {
      throw new GraphQLError('DateTime cannot represent a non-string value');
    }
    return value;
  },
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError('DateTime must be an RFC 3339 string');
    }
    return value;
  },
});

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function literalToJson(
  node: ValueNode,
  variables: Record<string, unknown> | null | undefined,
): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]),
      );
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    default:
      throw new GraphQLError('JSON cannot represent an enum value');
  }
}

/** Custom claims and metadata belong to the customer: their keys are never renamed. */
builder.scalarType('JSON', {
  description:
    'A JSON object passed through untouched: its keys keep the spelling the application gave them.',
  serialize: (value) => {
    if (!isJsonObject(value)) {
      throw new GraphQLError('JSON must be an object');
    }
    return value;
  },
  parseValue: (value) => {
    if (!isJsonObject(value)) {
      throw new GraphQLError('JSON must be an object');
    }
    return value;
  },
  parseLiteral: (node, variables) => {
    const value = literalToJson(node, variables);
    if (!isJsonObject(value)) {
      throw new GraphQLError('JSON must be an object');
    }
    return value;
  },
});
