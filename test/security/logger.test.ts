import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createYogaLogger } from '../../src/logger.js';
import { type EmulatorStack, startEmulatorStack } from '../helpers/emulator-stack.js';
import { API_KEY } from '../helpers/gateway.js';

/** The production logger itself (not a test copy of its options), writing into `lines`. */
function productionLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line) => lines.push(line) },
  });
  return { logger, lines };
}

/** Every key under which a secret may sit in a log object. */
const SECRET_KEYS = [
  'token',
  'session_token',
  'session_jwt',
  'sessionToken',
  'sessionJwt',
  'password',
  'secret',
  'authorization',
  'impersonation_token',
] as const;

/** Header values that are credentials, under `headers` as a request or response logs them. */
const SECRET_HEADERS = ['authorization', 'cookie', 'x-api-key', 'set-cookie'] as const;

describe('createLogger redacts secrets', () => {
  it('under every secret-bearing key, at the top and nested one and two levels', () => {
    const { logger, lines } = productionLogger();
    for (const key of SECRET_KEYS) {
      const top = `top-${key}-SECRET-3f9a1c`;
      const nested = `nested-${key}-SECRET-8b2e4d`;
      const deep = `deep-${key}-SECRET-c40a77`;
      logger.info(
        { [key]: top, detail: { [key]: nested, kept: 'visible' }, req: { body: { [key]: deep } } },
        'line',
      );
      const line = lines.at(-1) as string;
      expect(line, key).not.toContain('SECRET');
      const parsed = JSON.parse(line);
      expect(parsed[key], key).toBe('[redacted]');
      expect(parsed.detail[key], key).toBe('[redacted]');
      expect(parsed.req.body[key], key).toBe('[redacted]');
      // Redaction is by key: the rest of the object is logged as it was.
      expect(parsed.detail.kept, key).toBe('visible');
      expect(parsed.service).toBe('stytch-graphql-gateway');
    }
    expect(lines).toHaveLength(SECRET_KEYS.length);
  });

  it('in headers', () => {
    const { logger, lines } = productionLogger();
    const headers = Object.fromEntries(
      SECRET_HEADERS.map((name) => [name, `${name}-value-SECRET-51c7e0`]),
    );
    logger.warn({ headers: { ...headers, 'user-agent': 'Browser/1.0' } }, 'headers');
    const [line] = lines;
    expect(line).not.toContain('SECRET');
    const parsed = JSON.parse(line as string);
    for (const name of SECRET_HEADERS) {
      expect(parsed.headers[name], name).toBe('[redacted]');
    }
    expect(parsed.headers['user-agent']).toBe('Browser/1.0');
  });
});

describe("yoga's logger", () => {
  it('logs a GraphQL or JSON error by name and code only: its message can quote the input', () => {
    const { logger, lines } = productionLogger();
    const yogaLogger = createYogaLogger(logger, () => false);
    yogaLogger.error(
      new GraphQLError('Variable "$p" got invalid value "yoga-SECRET-1a2b"; Expected type.'),
    );
    yogaLogger.error(new SyntaxError('Unexpected token in JSON at "yoga-SECRET-3c4d'));
    yogaLogger.error(
      Object.assign(new Error('coded yoga-SECRET-5e6f'), { extensions: { code: 'BAD_REQUEST' } }),
    );
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('SECRET');
    expect(JSON.parse(lines[2] as string).err).toEqual({ name: 'Error', code: 'BAD_REQUEST' });
  });
});

describe("the gateway's own log lines for a failing sign-in", () => {
  const PASSWORD = 'Strong-Passw0rd-SECRET-e81f!';
  let stack: EmulatorStack;
  let lines: string[];
  beforeAll(async () => {
    const capture = productionLogger();
    lines = capture.lines;
    stack = await startEmulatorStack({ capture: { logger: capture.logger, logs: capture.lines } });
  });
  afterAll(() => stack.stop());

  it('carry none of the credentials the requests held', async () => {
    const userId = stack.emulator.admin.createUser({ email: 'logs@example.com' }).user_id;
    const magicLink = stack.emulator.admin.createMagicLink(userId);
    const signIn = await stack.gql(
      `mutation ($t: String!) { authenticateMagicLink(input: {token: $t, sessionDurationMinutes: 30}) { sessionToken sessionJwt } }`,
      { t: magicLink },
    );
    const { sessionToken, sessionJwt } = signIn.body.data?.['authenticateMagicLink'] ?? {};
    expect(sessionToken).toBeTruthy();
    const impersonation = 'imp-token-SECRET-never-minted-5d0f';
    const credentials = {
      authorization: `Bearer ${sessionToken}`,
      cookie: `stytch_session=${sessionToken}; stytch_session_jwt=${sessionJwt}`,
      'x-api-key': API_KEY,
    };
    lines.length = 0;

    // The spent link again, with the session (which it would extend) in every header.
    const spent = await stack.gql(
      'mutation ($t: String!) { authenticateMagicLink(input: {token: $t}) { userId } }',
      { t: magicLink },
      credentials,
    );
    expect(spent.body.errors?.[0]?.extensions?.['code']).toBeDefined();
    // A new password, refused: an embeddable magic link is no email factor for a reset.
    const weak = await stack.gql(
      'mutation ($p: String!, $s: String!) { resetPasswordWithSession(input: {password: $p, sessionToken: $s}) { userId } }',
      { p: PASSWORD, s: sessionToken },
      credentials,
    );
    expect(weak.body.errors?.[0]?.extensions?.['stytch']?.errorType).toBe(
      'session_too_old_to_reset_password',
    );
    // An impersonation token nobody minted, inline in the operation's source.
    const forged = await stack.gql(
      `mutation { authenticateImpersonation(input: {impersonationToken: "${impersonation}"}) { userId } }`,
      undefined,
      credentials,
    );
    expect(forged.body.errors?.[0]?.extensions?.['code']).toBeDefined();

    // The failures were logged (so the check below looked at real lines)...
    const calls = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'stytch call');
    expect(calls.map((c) => [c.upstream, c.errorType !== null])).toEqual(
      expect.arrayContaining([
        ['/v1/magic_links/authenticate', true],
        ['/v1/passwords/session/reset', true],
        ['/v1/impersonation/authenticate', true],
      ]),
    );
    // ...and none of them holds a credential, whole or in its base64 form.
    const all = lines.join('\n');
    const basic = Buffer.from(`${stack.emulator.projectId}:${stack.emulator.secret}`).toString(
      'base64',
    );
    for (const secret of [
      magicLink,
      sessionToken,
      sessionJwt,
      impersonation,
      PASSWORD,
      API_KEY,
      stack.emulator.secret,
      basic,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
