import { createServer } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { ConfigError, loadConfig } from './config.js';
import { devBanner, graphiqlDemo, startDevStytch } from './dev-mode.js';
import { createGateway } from './http/gateway.js';
import { createLogger } from './logger.js';

/** Entry point: configuration, the gateway, one HTTP listener, and a graceful stop. */
async function main() {
  const logger = createLogger();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const dev = config.stytch ? null : await startDevStytch(config.apiKeys);
  const stytch = config.stytch ?? {
    projectId: dev?.emulator.projectId ?? '',
    secret: dev?.emulator.secret ?? '',
    apiUrl: dev?.emulator.url ?? '',
  };
  // Tracing modules are heavy: loaded only when an OTLP endpoint is configured.
  const tracing = process.env['OTEL_EXPORTER_OTLP_ENDPOINT']
    ? await import('./http/plugins/tracing.js').then((m) => m.tracingFromEnv(process.env))
    : null;
  const gateway = createGateway(
    {
      ...config,
      stytch,
      apiKeys: dev ? [dev.apiKey, ...config.apiKeys] : config.apiKeys,
      sessionCookies: config.sessionCookies ?? dev !== null,
    },
    {
      logger,
      plugins: [
        ...(tracing ? [tracing.plugin] : []),
        ...(config.jit ? [(await import('@envelop/graphql-jit')).useGraphQlJit() as Plugin] : []),
      ],
      ...(dev ? { demo: graphiqlDemo(dev) } : {}),
    },
  );
  const server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const graphqlUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/graphql`;
  if (dev) {
    logger.warn('DEVELOPMENT MODE: embedded Stytch emulator in use. Not for production.');
    process.stdout.write(await devBanner(dev, graphqlUrl));
  }
  logger.info(
    { stytch: stytch.apiUrl, projectId: stytch.projectId, emulator: dev !== null },
    'GraphQL gateway ready',
  );
  // A plain line whatever LOG_LEVEL says: people, scripts and tests wait for it.
  process.stdout.write(`GraphQL gateway ready: ${graphqlUrl} (GraphiQL in a browser)\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    const { delayMs, timeoutMs } = config.shutdown;
    logger.info({ signal, delayMs, timeoutMs }, 'shutting down: not ready, draining');
    // Readiness turns 503 first, and the listener stays open for delayMs, so a load balancer
    // notices and stops routing here before connections start being refused.
    gateway.startDraining();
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const force = setTimeout(() => {
      logger.warn({ timeoutMs }, 'in-flight requests did not finish in time; closing them');
      server.closeAllConnections();
    }, timeoutMs);
    force.unref();
    server.close(async () => {
      clearTimeout(force);
      await gateway.close();
      await dev?.emulator.close();
      await tracing?.provider.shutdown();
      logger.info('stopped');
      process.exit(0);
    });
    // Idle keep-alive sockets would hold close() open; busy ones close after their response.
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
