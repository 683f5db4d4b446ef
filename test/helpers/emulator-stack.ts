import { request } from 'undici';
import { sendEmailMagicLink } from '../../src/dev-mode.js';
import { type Emulator, type RequestLog, startEmulator } from '../../src/emulator/index.js';
import { CSRF_HEADER, createGateway } from '../../src/http/gateway.js';
import type { Logger } from '../../src/logger.js';
import { testConfig } from './config.js';
import { API_KEY } from './gateway.js';
import { captureLogs } from './logs.js';

/**
 * The real gateway on the real embedded emulator over loopback HTTP, sharing the emulator's clock
 * so expiry is proven by moving time, not by sleeping. `calls` lists every request the emulator
 * served, which is how tests count upstream calls.
 */
export async function startEmulatorStack<E extends Emulator = Emulator>(
  options: {
    cookies?: boolean;
    tokensInBody?: boolean;
    /** Development on the emulator is plain http: no Secure flag unless a test asks for one. */
    cookieSecure?: boolean;
    env?: Record<string, string>;
    /**
     * The least time between JWKS fetches for unknown key ids. Tests default to 0 so a rotation
     * is seen at once; null leaves the gateway's own default (30 s), for tests of the cooldown.
     */
    jwksCooldownMs?: number | null;
    /** Another logger and its lines (e.g. the production logger); `captureLogs()` otherwise. */
    capture?: { logger: Logger; logs: string[] };
    /** Starts the emulator some other way (e.g. with its state exposed); told of every request. */
    start?: (onRequest: (log: RequestLog) => void) => Promise<E>;
  } = {},
) {
  const calls: RequestLog[] = [];
  const onRequest = (log: RequestLog) => calls.push(log);
  const emulator = options.start
    ? await options.start(onRequest)
    : ((await startEmulator({ onRequest })) as E);
  const { logger, logs } = options.capture ?? captureLogs();
  const cooldown = options.jwksCooldownMs === undefined ? 0 : options.jwksCooldownMs;
  const gateway = createGateway(
    testConfig(
      { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
      {
        stytchTimeoutMs: 5000,
        apiKeys: [API_KEY],
        sessionCookies: options.cookies ?? false,
        tokensInBody: options.tokensInBody ?? null,
        cookieSecure: options.cookieSecure ?? false,
      },
      options.env,
    ),
    {
      logger,
      now: () => emulator.clock.now(),
      ...(cooldown === null ? {} : { jwksCooldownMs: cooldown }),
    },
  );

  /** POSTs an operation; `headers` may carry a cookie or an Authorization header. */
  async function gql(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    const res = await gateway.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: JSON.parse(text) as {
        data?: Record<string, any> | null;
        errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
      },
    };
  }

  /** Calls an emulator admin route (the stand-in for the Stytch Dashboard). */
  async function admin(path: string, body: object = {}) {
    const res = await request(`${emulator.url}emulator/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`,
      },
      body: JSON.stringify(body),
    });
    return res.body.json();
  }

  /**
   * An email magic link token, as a user would get it from their inbox: the emulator's outbox.
   * Unlike an embeddable link, it counts as an email factor for password resets.
   */
  const emailMagicLink = (email: string) => sendEmailMagicLink(emulator, email);

  /** Upstream calls to `path` since the last `calls.length = 0`. */
  const callsTo = (path: string) => calls.filter((c) => c.path.split('?')[0] === path).length;

  return {
    emulator,
    gateway,
    logs,
    calls,
    callsTo,
    gql,
    admin,
    emailMagicLink,
    async stop() {
      await gateway.close();
      await emulator.close();
    },
  };
}

export type EmulatorStack = Awaited<ReturnType<typeof startEmulatorStack>>;
