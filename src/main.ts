import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { createGateway } from './gateway.js';
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
  if (!config.stytch) {
    process.stderr.write(
      'Invalid configuration:\n  - STYTCH_PROJECT_ID and STYTCH_SECRET are required\n',
    );
    process.exit(1);
  }
  const gateway = createGateway({ ...config, stytch: config.stytch }, { logger });
  const server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { stytch: config.stytch.apiUrl, projectId: config.stytch.projectId },
    `GraphQL gateway ready: http://${config.host}:${port}/graphql (GraphiQL in a browser)`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish in 10 s; closing them');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await gateway.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
