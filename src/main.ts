#!/usr/bin/env node
import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, Server as NetServer } from 'node:net';
import { ConfigError, type GatewayConfig, loadConfig } from './config.js';
import { devBanner, devGatewayOptions, startDevStytch } from './dev-mode.js';
import { createGateway } from './http/gateway.js';
import { createLogger, type Logger } from './logger.js';

/** How often to retry the start-up credential probe while Stytch cannot be reached. */
const CREDENTIALS_RETRY_MS = 30_000;

/** Configuration problems (the environment, a trusted documents manifest) end the process. */
function orExit<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ConfigError) {
      // Every problem at once; nothing is served.
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Listens, or exits with one clear line (port in use, no permission, unknown address). */
async function listenOrExit(
  listener: RequestListener,
  config: GatewayConfig,
  port: number,
  what: string,
  logger: Logger,
): Promise<{ server: Server; port: number }> {
  const server = createServer(
    {
      // Slowly trickled requests are closed: the headers within headersTimeout, the whole
      // request within requestTimeout.
      headersTimeout: config.server.headersTimeoutMs,
      requestTimeout: config.server.requestTimeoutMs,
      keepAliveTimeout: config.server.keepAliveTimeoutMs,
      // How often Node looks for requests over those limits (its default, 30 s, would let a
      // trickled request live that long whatever the limits say).
      connectionsCheckingInterval: Math.min(1_000, config.server.headersTimeoutMs),
    },
    listener,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    logger.fatal({ code, host: config.host, port }, `cannot listen for ${what}`);
    process.stderr.write(`Cannot listen for ${what} on ${config.host}:${port} (${code}).\n`);
    process.exit(1);
  }
  return { server, port: (server.address() as AddressInfo).port };
}

/** Entry point: configuration, the gateway, its listeners, and a graceful stop. */
async function main() {
  const config = orExit(() => loadConfig());
  const logger = createLogger({ level: config.logLevel });
  const dev = config.stytch ? null : await startDevStytch();
  const stytch = config.stytch ?? {
    projectId: dev?.emulator.projectId ?? '',
    secret: dev?.emulator.secret ?? '',
    apiUrl: dev?.emulator.url ?? '',
  };
  // Tracing modules are heavy: loaded only when an OTLP endpoint is configured.
  const tracing = process.env['OTEL_EXPORTER_OTLP_ENDPOINT']
    ? await import('./http/plugins/tracing.js').then((m) => m.tracingFromEnv(process.env))
    : null;
  const gateway = orExit(() =>
    createGateway(
      {
        ...config,
        stytch,
        apiKeys: dev ? [dev.apiKey, ...config.apiKeys] : config.apiKeys,
        sessionCookies: config.sessionCookies ?? dev !== null,
      },
      {
        logger,
        plugins: tracing ? [tracing.plugin] : [],
        // Development only: the demo walkthrough, and the emulator's outbox at /dev/mailbox.
        ...(dev ? devGatewayOptions(dev) : {}),
      },
    ),
  );
  // Set once the listener closes on shutdown: every response then ends its connection (stop()).
  let closing = false;
  const publicServer = await listenOrExit(
    (req, res) => {
      if (closing) {
        res.setHeader('connection', 'close');
      }
      gateway.publicListener(req, res);
    },
    config,
    config.port,
    'GraphQL',
    logger,
  );
  const admin =
    config.adminPort === null
      ? null
      : await listenOrExit(gateway.adminListener, config, config.adminPort, 'admin', logger);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const graphqlUrl = `http://${shown}:${publicServer.port}/graphql`;
  if (dev) {
    logger.warn('DEVELOPMENT MODE: embedded Stytch emulator in use. Not for production.');
    process.stdout.write(devBanner(dev, graphqlUrl));
  }
  logger.info(
    {
      stytch: stytch.apiUrl,
      projectId: stytch.projectId,
      emulator: dev !== null,
      adminPort: admin?.port ?? null,
    },
    'GraphQL gateway ready',
  );
  // Plain lines whatever LOG_LEVEL says: people, scripts and tests wait for them.
  if (admin) {
    process.stdout.write(`Admin endpoints ready: http://${shown}:${admin.port}\n`);
  }
  process.stdout.write(
    `GraphQL gateway ready: ${graphqlUrl}${config.graphiql ? ' (GraphiQL in a browser)' : ''}\n`,
  );

  // Credentials Stytch refuses take the instance out of rotation before a user finds out.
  const probe = async () => {
    const state = await gateway.checkStytchCredentials();
    if (state === 'accepted') {
      logger.info('Stytch accepted the gateway credentials');
    } else if (state === 'unverified') {
      logger.warn('Stytch could not be reached to check the credentials; retrying');
      setTimeout(() => void probe(), CREDENTIALS_RETRY_MS).unref();
    }
  };
  void probe();

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
      // Requests still running, or keep-alive connections a client holds open without using.
      logger.warn({ timeoutMs }, 'connections still open at the shutdown timeout; closing them');
      publicServer.server.closeAllConnections();
    }, timeoutMs);
    force.unref();
    // Then no new connections, and no request lost on the open ones. A load balancer keeps
    // connections open and sends on them whenever it likes, so the gateway never closes one that
    // may be about to carry a request: every response from now on says `Connection: close` (a
    // connection kept busy would otherwise never end before the timeout cuts it off), and an idle
    // connection is left to the balancer, whose keep-alive timeout is shorter than ours
    // (docs/operations.md), or to KEEP_ALIVE_TIMEOUT_MS. So net.Server's close, not http.Server's:
    // that one also destroys every idle connection at once, and a connection just accepted, whose
    // request is not read yet, counts as idle: that request is reset, and nginx does not resend a
    // POST (2 requests lost per rolling restart of three instances under load before this,
    // test/deploy/load-balancer.test.ts).
    closing = true;
    NetServer.prototype.close.call(publicServer.server, async () => {
      clearTimeout(force);
      admin?.server.close();
      admin?.server.closeAllConnections();
      await gateway.close();
      await dev?.emulator.close();
      await tracing?.provider.shutdown();
      logger.info('stopped');
      // pino writes asynchronously: flush before the process ends.
      logger.flush(() => process.exit(0));
    });
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
