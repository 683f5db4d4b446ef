import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
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

/**
 * Prometheus metrics on a registry of the gateway's own (not prom-client's global one, so several
 * gateways in one process, as in tests, do not collide). Labels are bounded: operation names come
 * from the schema's root fields, never from the client's free-text operationName.
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

  const plugins: Plugin[] = [
    usePrometheus({
      registry,
      endpoint: '/metrics',
      labels: { operationName: false, fieldName: false, typeName: false },
      metrics: {
        // One latency histogram per request is enough to alert on; per-phase histograms cost
        // hooks on every phase of every request (measured: ~5% of the gateway's CPU).
        graphql_yoga_http_duration: true,
        graphql_envelop_request_duration: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_error_result: false,
        graphql_envelop_request: false,
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
        graphql_envelop_execute_resolver: false,
      },
    }),
    {
      onExecute({ args }) {
        const definition = (args.document as DocumentNode).definitions.find(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
        );
        const operation =
          definition?.selectionSet.selections
            .map((s: OperationDefinitionNode['selectionSet']['selections'][number]) =>
              s.kind === Kind.FIELD ? s.name.value : '…',
            )
            .sort()
            .join(',') ?? 'unknown';
        return {
          onExecuteDone({ result }) {
            if (!('errors' in result)) {
              operations.inc({ operation, outcome: 'ok' });
              return;
            }
            const [first] = result.errors ?? [];
            // Not every executor fills `extensions` (graphql-jit leaves it undefined).
            const code = first ? String(first.extensions?.['code'] ?? 'ERROR') : 'ok';
            operations.inc({ operation, outcome: code });
          },
        };
      },
    },
  ];

  return {
    registry,
    plugins,
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
