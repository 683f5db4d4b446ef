import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getLocation,
  isObjectType,
  Kind,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/**
 * How many times a document runs on graphql-js before it is compiled (then from its next run). Compiling costs about a
 * millisecond and a few times the document's memory: a document seen once (a flood of distinct
 * ones, say) is never compiled, so neither cost can be forced per request. The byte-bounded
 * document cache still bounds what is kept: a compiled query lives in a WeakMap keyed by the
 * cached DocumentNode, and goes when the cache drops the document.
 */
export const COMPILE_AFTER_RUNS = 1;

type Compiled = CompiledQuery<Record<string, unknown>, Record<string, unknown>>;

interface Entry {
  runs: number;
  /** By operation name ('' for the only one). */
  compiled: Map<string, Compiled | null>;
}

/**
 * graphql-jit's errors carry `locations` but not the `nodes` they came from, and every error the
 * gateway rewrites (Stytch failures, masked errors, value-free messages) is rebuilt from `nodes`,
 * as graphql-js's executor provides them. So each error is given back the field nodes its
 * locations point at: the same error graphql-js would have raised.
 */
function withNodes(document: DocumentNode, errors: readonly GraphQLError[]): GraphQLError[] {
  let fields: Map<string, FieldNode> | null = null;
  return errors.map((error) => {
    if (error.nodes || !error.locations?.length) {
      return error;
    }
    if (!fields) {
      const found = new Map<string, FieldNode>();
      visit(document, {
        Field(node) {
          if (node.loc) {
            const { line, column } = getLocation(node.loc.source, node.loc.start);
            found.set(`${line}:${column}`, node);
          }
        },
      });
      fields = found;
    }
    const known = fields;
    const nodes = error.locations
      .map((l) => known.get(`${l.line}:${l.column}`))
      .filter((n): n is FieldNode => n !== undefined);
    return new GraphQLError(error.message, {
      nodes: nodes.length > 0 ? nodes : null,
      path: error.path ?? null,
      originalError: error.originalError ?? null,
      extensions: error.extensions ?? null,
    });
  });
}

/** The source of Pothos's `t.expose*()` resolver: a plain read of one property of the parent. */
const POTHOS_EXPOSE = '(parent)=>parent[name]';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface Exposed {
  field: GraphQLField<unknown, unknown>;
  name: string;
  key: string;
  resolve: GraphQLFieldResolver<unknown, unknown>;
}

const exposedBySchema = new WeakMap<GraphQLSchema, Exposed[]>();

/**
 * The fields whose resolver is Pothos's own exposure of a property (`delivery_method` exposed as
 * `deliveryMethod`), untouched by any plugin: the resolver's source and the field's
 * `pothosExposedField` extension both say so. A wrapped resolver (an auth scope, say) does not
 * qualify and is called as before.
 */
function exposedFields(schema: GraphQLSchema): Exposed[] {
  let exposed = exposedBySchema.get(schema);
  if (!exposed) {
    exposed = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) {
        continue;
      }
      for (const field of Object.values(type.getFields())) {
        const key = field.extensions?.['pothosExposedField'];
        if (
          typeof key === 'string' &&
          IDENTIFIER.test(key) &&
          field.resolve &&
          String(field.resolve) === POTHOS_EXPOSE
        ) {
          exposed.push({ field, name: field.name, key, resolve: field.resolve });
        }
      }
    }
    exposedBySchema.set(schema, exposed);
  }
  return exposed;
}

/**
 * graphql-jit calls a field's resolver through closures, a path and a resolve info built per value
 * (~0.5 KB each; the full sign-in resolves ~250 values), but reads a field without a resolver
 * inline, as `parent.<field name>`. While it compiles, each exposed field is shown to it as what it
 * is: no resolver, and named by the property it reads. compileQuery is synchronous, so nothing else
 * runs while the schema's field objects carry those names; they are restored before it returns.
 * The compiled reads are the resolver's own `parent[key]`; error messages name fields by the
 * query's names, not these.
 */
function compileWithExposedReads<T>(schema: GraphQLSchema, compile: () => T): T {
  const exposed = exposedFields(schema);
  for (const { field, key } of exposed) {
    field.name = key;
    field.resolve = undefined;
  }
  try {
    return compile();
  } finally {
    for (const { field, name, resolve } of exposed) {
      field.name = name;
      field.resolve = resolve;
    }
  }
}

/**
 * A variable of a nullable type with a default may fill a non-null place (validation allows it),
 * and a caller may still send it as an explicit null: graphql-js then refuses the argument, while
 * graphql-jit hands the null to the resolver. Documents declaring such a variable stay on
 * graphql-js; the usual `$email: String!` does not.
 */
function hasNullableDefaultedVariable(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.variableDefinitions?.some(
        (variable) => variable.defaultValue && variable.type.kind !== Kind.NON_NULL_TYPE,
      ),
  );
}

export interface Jit {
  plugin: Plugin;
  /** Compiles a document now (trusted documents are compiled at start). */
  precompile(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): void;
}

/**
 * Execution compiled per document with graphql-jit, once a document has run COMPILE_AFTER_RUNS
 * times. Everything around execution is unchanged (the plugins' onExecute hooks, masking, the
 * result's shape): only the executor is swapped, and its errors are made graphql-js's again.
 */
export function createJit(): Jit {
  const entries = new WeakMap<DocumentNode, Entry>();

  const compile = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    entry: Entry,
  ): Compiled | null => {
    const key = operationName ?? '';
    if (entry.compiled.has(key)) {
      return entry.compiled.get(key) ?? null;
    }
    // operationName is the client's free text: a name the document does not define is left to
    // graphql-js (which refuses it) and never kept, so no client can grow this map.
    const defined = document.definitions.some(
      (d) => d.kind === Kind.OPERATION_DEFINITION && (d.name?.value ?? '') === key,
    );
    if (operationName && !defined) {
      return null;
    }
    if (hasNullableDefaultedVariable(document)) {
      entry.compiled.set(key, null);
      return null;
    }
    const result = compileWithExposedReads(schema, () =>
      compileQuery(schema, document, operationName ?? undefined, {
        // The stack of a GraphQL error never reaches a caller; capturing it is pure cost.
        disablingCapturingStackErrors: true,
      }),
    );
    // A document graphql-jit cannot compile still runs, on graphql-js.
    const compiled = isCompiledQuery(result) ? (result as Compiled) : null;
    entry.compiled.set(key, compiled);
    return compiled;
  };

  const entryOf = (document: DocumentNode): Entry => {
    let entry = entries.get(document);
    if (!entry) {
      entry = { runs: 0, compiled: new Map() };
      entries.set(document, entry);
    }
    return entry;
  };

  return {
    precompile(schema, document, operationName) {
      const entry = entryOf(document);
      entry.runs = COMPILE_AFTER_RUNS;
      compile(schema, document, operationName, entry);
    },
    plugin: {
      onExecute({ args, executeFn, setExecuteFn }) {
        const entry = entryOf(args.document);
        if (++entry.runs <= COMPILE_AFTER_RUNS) {
          return;
        }
        const compiled = compile(args.schema, args.document, args.operationName, entry);
        if (!compiled) {
          return;
        }
        setExecuteFn((execution: ExecutionArgs) => {
          const finish = (result: ExecutionResult) => {
            if (result.data === undefined && result.errors) {
              // Variables that do not coerce: nothing ran. graphql-js's own coercion words the
              // errors (the gateway's value-free rewrites know its messages), at no risk.
              return executeFn(execution);
            }
            // graphql-js's own order: errors first when there are any.
            return result.errors
              ? {
                  errors: withNodes(execution.document, result.errors),
                  data: result.data,
                  ...(result.extensions ? { extensions: result.extensions } : {}),
                }
              : result;
          };
          const result = compiled.query(
            execution.rootValue,
            execution.contextValue,
            (execution.variableValues ?? {}) as Record<string, unknown>,
          );
          return result instanceof Promise
            ? result.then(finish)
            : finish(result as ExecutionResult);
        });
      },
    },
  };
}
