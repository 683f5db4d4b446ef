import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  type SelectionSetNode,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { OperationLimits } from '../../config.js';

function tooLarge(maxBytes: number) {
  return createGraphQLError(`The request body is larger than ${maxBytes} bytes.`, {
    extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
  });
}

/**
 * The media types a GraphQL POST may have. Each needs a CORS preflight from a browser, so another
 * site's form cannot send one; the "simple" types a form can send (urlencoded, multipart,
 * text/plain) are refused before their body is read, let alone echoed in an error.
 */
const POST_MEDIA_TYPES = new Set([
  'application/json',
  'application/graphql+json',
  'application/graphql',
]);

/**
 * Refuses what cannot be a GraphQL request of ours before anything is parsed: an unsupported
 * media type (415), or a body over the limit by its Content-Length (413, unread). Bodies without
 * a Content-Length (chunked) are counted as they stream, for every media type, by yoga's own
 * `maxRequestBodySize`, which the gateway sets to the same limit.
 */
function useRequestShape(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const refuse = (status: number, error: GraphQLError) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (request.method === 'POST') {
        const mediaType = (request.headers.get('content-type') ?? '')
          .split(';', 1)[0]
          ?.trim()
          .toLowerCase();
        if (!mediaType || !POST_MEDIA_TYPES.has(mediaType)) {
          refuse(
            415,
            createGraphQLError('Send the operation as application/json.', {
              extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
            }),
          );
          return;
        }
      }
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBytes) {
        refuse(413, tooLarge(maxBytes));
      }
    },
  };
}

/**
 * Field selections the document makes, with fragments expanded, counting every operation and
 * fragment definition. Each fragment is counted once and its total reused (memoised), so a
 * "fragment bomb" whose expansion doubles at every level costs a linear walk here, and the count
 * stops at `max + 1`. Cycles count nothing extra (validation reports them).
 */
export function countSelections(document: DocumentNode, max: number): number {
  const fragments = fragmentSets(document);
  const totals = new Map<string, number>();
  const visiting = new Set<string>();
  const cap = max + 1;
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    // An explicit stack: a deeply nested document must not overflow the call stack here.
    const stack: SelectionSetNode[] = [set];
    while (stack.length > 0 && n < cap) {
      const current = stack.pop() as SelectionSetNode;
      for (const selection of current.selections) {
        if (selection.kind === Kind.FIELD) {
          n++;
          if (selection.selectionSet) {
            stack.push(selection.selectionSet);
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          stack.push(selection.selectionSet);
        } else {
          n += fragmentTotal(selection.name.value);
        }
      }
    }
    return Math.min(n, cap);
  };
  const fragmentTotal = (name: string): number => {
    const known = totals.get(name);
    if (known !== undefined) {
      return known;
    }
    const set = fragments.get(name);
    if (!set || visiting.has(name)) {
      return 0;
    }
    visiting.add(name);
    const total = count(set);
    visiting.delete(name);
    totals.set(name, total);
    return total;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (total >= cap) {
      break;
    }
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      total += count(definition.selectionSet);
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      total += fragmentTotal(definition.name.value);
    }
  }
  return Math.min(total, cap);
}

function fragmentSets(document: DocumentNode): Map<string, SelectionSetNode> {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition.selectionSet);
    }
  }
  return fragments;
}

/**
 * The most times one response name occurs in a single selection set, counting the fields that
 * inline fragments and fragment spreads bring into it (each fragment's names counted once,
 * memoised). This is what graphql-js's OverlappingFieldsCanBeMerged rule compares pairwise: 200
 * copies of `viewer { user { id } }` cost ~35 ms of CPU to validate, 400 cost ~120 ms.
 */
export function maxDuplicateFields(document: DocumentNode): number {
  const fragments = fragmentSets(document);
  const memo = new Map<string, Map<string, number>>();
  const visiting = new Set<string>();
  let worst = 0;
  const namesOf = (set: SelectionSetNode): Map<string, number> => {
    const names = new Map<string, number>();
    const add = (name: string, n: number) => {
      const total = (names.get(name) ?? 0) + n;
      names.set(name, total);
      worst = Math.max(worst, total);
    };
    const pending: SelectionSetNode[] = [set];
    while (pending.length > 0) {
      const current = pending.pop() as SelectionSetNode;
      for (const selection of current.selections) {
        if (selection.kind === Kind.FIELD) {
          add(selection.alias?.value ?? selection.name.value, 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          pending.push(selection.selectionSet);
        } else {
          for (const [name, n] of fragmentNames(selection.name.value)) {
            add(name, n);
          }
        }
      }
    }
    return names;
  };
  const fragmentNames = (name: string): Map<string, number> => {
    const known = memo.get(name);
    if (known) {
      return known;
    }
    const set = fragments.get(name);
    if (!set || visiting.has(name)) {
      return new Map();
    }
    visiting.add(name);
    const names = namesOf(set);
    visiting.delete(name);
    memo.set(name, names);
    return names;
  };
  // Every selection set in the document, operations and fragments alike.
  const sets: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if (
      definition.kind === Kind.OPERATION_DEFINITION ||
      definition.kind === Kind.FRAGMENT_DEFINITION
    ) {
      sets.push(definition.selectionSet);
    }
  }
  while (sets.length > 0) {
    const set = sets.pop() as SelectionSetNode;
    namesOf(set);
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) {
        sets.push(selection.selectionSet);
      }
    }
  }
  return worst;
}

/**
 * Refuses a document before validation runs when it selects more fields than the limit, or
 * repeats one field in one selection set more often than the limit. graphql-js's
 * OverlappingFieldsCanBeMerged rule compares same-named fields pairwise, and every other rule
 * (GraphQL Armor's included) runs in the same pass, so a document within the token limit could
 * still cost tens of milliseconds. Both counts here are linear walks.
 */
function useSelectionLimit(maxSelections: number, maxDuplicates: number): Plugin {
  // A parsed document never changes, and the parse cache hands out the same object for the same
  // text: each is counted once, not on every request that sends it.
  const verdicts = new WeakMap<DocumentNode, string | null>();
  const verdict = (document: DocumentNode): string | null => {
    if (countSelections(document, maxSelections) > maxSelections) {
      return `The operation selects more than ${maxSelections} fields (fragments expanded).`;
    }
    if (maxDuplicateFields(document) > maxDuplicates) {
      return `The operation selects the same field more than ${maxDuplicates} times in one selection set.`;
    }
    return null;
  };
  return {
    onValidate({ params, setResult }) {
      let refusal = verdicts.get(params.documentAST);
      if (refusal === undefined) {
        refusal = verdict(params.documentAST);
        verdicts.set(params.documentAST, refusal);
      }
      if (refusal !== null) {
        setResult([new GraphQLError(refusal, { extensions: { code: 'BAD_USER_INPUT' } })]);
      }
    },
  };
}

/** Variables nest at most this deep (custom claims and metadata are shallow objects). */
export const MAX_VARIABLE_DEPTH = 32;
/** Values in all variables together: object members, list items and scalars. */
export const MAX_VARIABLE_VALUES = 1_000;

/**
 * Whether the variables stay within depth and size, walked with an explicit stack and stopped at
 * the first excess. graphql-js coerces variables before anything of ours runs, and its error for
 * each bad field repeats the whole value: 7,000 unknown keys cost 200 ms of CPU there.
 */
export function variablesWithinLimits(variables: unknown): boolean {
  const stack: Array<[unknown, number]> = [[variables, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++values > MAX_VARIABLE_VALUES || depth > MAX_VARIABLE_DEPTH) {
      return false;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        stack.push([item, depth + 1]);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key in value) {
        stack.push([(value as Record<string, unknown>)[key], depth + 1]);
      }
    }
  }
  return true;
}

function useVariableLimits(): Plugin {
  return {
    onParams({ params }) {
      if (params.variables && !variablesWithinLimits(params.variables)) {
        throw createGraphQLError(
          `The variables are too large: at most ${MAX_VARIABLE_VALUES} values, nested at most ${MAX_VARIABLE_DEPTH} deep.`,
          { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
        );
      }
    },
  };
}

/** Introspection answers nothing when turned off; GraphiQL exploration then needs the SDL file. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * Everything that stops an abusive operation before it executes: media type and body size, then
 * tokens (at parse), then the number of selections (before validation), then depth, aliases, cost
 * and directives (at validation), via GraphQL Armor.
 */
export function operationLimitPlugins(limits: OperationLimits): Plugin[] {
  return [
    useRequestShape(limits.maxBodyBytes),
    useVariableLimits(),
    useSelectionLimit(limits.maxSelections, limits.maxDuplicateFields),
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
      maxAliases: { n: limits.maxAliases },
      maxTokens: { n: limits.maxTokens },
      costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true },
      maxDirectives: { n: limits.maxDirectives },
      blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
    }) as Plugin,
    ...(limits.introspection ? [] : [useNoIntrospection()]),
  ];
}
