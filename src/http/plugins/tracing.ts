import { useOpenTelemetry } from '@envelop/opentelemetry';
import type { TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Plugin } from 'graphql-yoga';
import type { Env } from '../../config.js';

/**
 * Tracing exported over OTLP/HTTP, for when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set. The
 * exporter reads OTEL_EXPORTER_OTLP_* (endpoint, headers) and OTEL_SERVICE_NAME itself.
 */
export function tracingFromEnv(env: Env) {
  const provider = new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  return {
    provider,
    plugin: useTracing(provider, env['OTEL_SERVICE_NAME'] ?? 'stytch-graphql-gateway'),
  };
}

/**
 * One span per operation, named by type and operation name. Resolver spans stay off: the plugin
 * records each resolver's arguments on them, and those hold passwords and tokens. Variables,
 * results and the document text (inline arguments live there) are never recorded either.
 */
export function useTracing(provider: TracerProvider, serviceName: string): Plugin {
  return useOpenTelemetry(
    { resolvers: false, defaultResolvers: false, variables: false, result: false, document: false },
    provider,
    undefined,
    undefined,
    serviceName,
  ) as Plugin;
}
