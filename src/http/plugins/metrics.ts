import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CallEvent } from '../../stytch/request.js';

/** Upstream paths with their ids replaced, so the endpoint label stays a small, fixed set. */
function endpointLabel(path: string): string {
  return path
    .replace(/^\/v1\/users\/[^/]+$/, '/v1/users/{user_id}')
    .replace(/^\/v1\/sessions\/jwks\/[^/]+$/, '/v1/sessions/jwks/{project_id}');
}

const CIRCUIT_VALUES = { closed: 0, 'half-open': 1, open: 2 } as const;
const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

/**
 * The root fields an operation selects, through fragments: names the schema defines, since only
 * validated documents execute. One label value per root field, never the client's operationName
 * or a combination of fields, so the number of series is bounded by the schema.
 */
function rootFields(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        fields.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) {
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}

/**
 * Prometheus metrics on a registry of the gateway's own (not prom-client's global one, so several
 * gateways in one process, as in tests, do not collide). Every label is bounded: operations by the
 * schema's root fields, HTTP requests by method, status and operation type, never by URL or by
 * anything else a client writes.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const upstreamCalls = new Counter({
    name: 'stytch_upstream_calls_total',
    help: 'Calls to Stytch by endpoint and HTTP status (or network / timeout / bad_body).',
    labelNames: ['endpoint', 'status'],
    registers,
  });
  const upstreamDuration = new Histogram({
    name: 'stytch_upstream_duration_seconds',
    help: 'Latency of calls to Stytch by endpoint.',
    labelNames: ['endpoint'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const circuit = new Gauge({
    name: 'stytch_circuit_state',
    help: 'Circuit breaker in front of Stytch: 0 closed, 1 half-open, 2 open.',
    registers,
  });
  circuit.set(0);
  const operations = new Counter({
    name: 'gateway_operations_total',
    help: 'GraphQL operations by root field and outcome (ok, or the first error code).',
    labelNames: ['operation', 'outcome'],
    registers,
  });
  const http = new Histogram({
    name: 'graphql_yoga_http_duration',
    help: 'Time from request to response on the GraphQL endpoint, in seconds.',
    labelNames: ['method', 'statusCode', 'operationType'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  // Worked out once per document and operation: the parse cache hands out the same document
  // object for the same text, and a document never changes.
  const labels = new WeakMap<DocumentNode, Map<string, { fields: Set<string>; type: string }>>();
  const labelsOf = (document: DocumentNode, operationName?: string | null) => {
    let byName = labels.get(document);
    if (!byName) {
      byName = new Map();
      labels.set(document, byName);
    }
    const key = operationName ?? '';
    let known = byName.get(key);
    if (!known) {
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode =>
          d.kind === Kind.OPERATION_DEFINITION &&
          (!operationName || d.name?.value === operationName),
      );
      known = {
        fields: operation ? rootFields(document, operation) : new Set<string>(),
        type: operation?.operation ?? 'unknown',
      };
      // Only names the document defines are kept: operationName is the client's free text.
      if (operation) {
        byName.set(key, known);
      }
    }
    return known;
  };

  const plugin = (serveEndpoint: boolean): Plugin => {
    const started = new WeakMap<Request, { at: number; type: string }>();
    return {
      onRequest({ request, url, fetchAPI, endResponse }) {
        if (serveEndpoint && url.pathname === '/metrics') {
          return registry.metrics().then((text) => {
            endResponse(
              new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } }),
            );
          });
        }
        if (url.pathname === '/graphql') {
          started.set(request, { at: performance.now(), type: 'unknown' });
        }
        return undefined;
      },
      onExecute({ args }) {
        const request = (args.contextValue as { request?: Request }).request;
        const entry = request ? started.get(request) : undefined;
        const { fields, type } = labelsOf(args.document, args.operationName);
        if (entry) {
          entry.type = type;
        }
        return {
          onExecuteDone({ result }) {
            if (!('errors' in result) || !result.errors?.length) {
              for (const field of fields) {
                operations.inc({ operation: field, outcome: 'ok' });
              }
              return;
            }
            // Not every executor fills `extensions` (graphql-jit leaves it undefined).
            const code = String(result.errors[0]?.extensions?.['code'] ?? 'ERROR');
            for (const field of fields) {
              operations.inc({ operation: field, outcome: code });
            }
          },
        };
      },
      onResponse({ request, response }) {
        const entry = started.get(request);
        if (!entry) {
          return;
        }
        http.observe(
          {
            method: METHODS.has(request.method) ? request.method : 'OTHER',
            statusCode: String(response.status),
            operationType: entry.type,
          },
          (performance.now() - entry.at) / 1000,
        );
      },
    };
  };

  return {
    registry,
    /** The yoga plugin; `serveEndpoint` answers GET /metrics on the public port (no ADMIN_PORT). */
    plugin,
    recordCall(event: CallEvent) {
      const endpoint = endpointLabel(event.path);
      upstreamCalls.inc({ endpoint, status: event.statusCode ?? event.errorType ?? 'error' });
      upstreamDuration.observe({ endpoint }, event.durationMs / 1000);
    },
    setCircuit(state: keyof typeof CIRCUIT_VALUES) {
      circuit.set(CIRCUIT_VALUES[state]);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
