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

/** Deeper than any claim set or metadata needs, shallow enough for every recursive walk after. */
const MAX_JSON_DEPTH = 32;

function tooDeep(): GraphQLError {
  return new GraphQLError(`JSON may nest at most ${MAX_JSON_DEPTH} levels deep`);
}

/**
 * Whether a JSON value found `start` levels down stays within the depth, walked with an explicit
 * stack; stops at the first excess.
 */
function withinDepth(value: unknown, start = 0): boolean {
  const stack: Array<[unknown, number]> = [[value, start]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_JSON_DEPTH) {
      return false;
    }
    if (typeof current === 'object' && current !== null) {
      for (const child of Object.values(current)) {
        stack.push([child, depth + 1]);
      }
    }
  }
  return true;
}

function literalToJson(
  node: ValueNode,
  variables: Record<string, unknown> | null | undefined,
  depth = 0,
): unknown {
  if (depth > MAX_JSON_DEPTH) {
    throw tooDeep();
  }
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
      return node.values.map((v) => literalToJson(v, variables, depth + 1));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((f) => [f.name.value, literalToJson(f.value, variables, depth + 1)]),
      );
    case Kind.VARIABLE: {
      // The variable's value continues the literal around it: its levels add to the literal's.
      const value = variables?.[node.name.value];
      if (!withinDepth(value, depth)) {
        throw tooDeep();
      }
      return value;
    }
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
    if (!withinDepth(value)) {
      throw tooDeep();
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
