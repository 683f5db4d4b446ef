import { useOpenTelemetry } from '@envelop/opentelemetry';
import type { TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Plugin } from 'graphql-yoga';
import type { Env } from '../config.js';

/**
 * A tracer provider exporting over OTLP/HTTP when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set;
 * null otherwise, and tracing stays off.
 */
export function tracerProviderFromEnv(env: Env): NodeTracerProvider | null {
  if (!env['OTEL_EXPORTER_OTLP_ENDPOINT']) {
    return null;
  }
  // The exporter reads OTEL_EXPORTER_OTLP_* (endpoint, headers) from the environment itself.
  return new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
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
