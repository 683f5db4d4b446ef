import { createGateway, type Gateway } from '../../src/http/gateway.js';
import { testConfig } from './config.js';
import { FakeStytch } from './fake-stytch.js';
import { captureLogs } from './logs.js';

export const PROJECT_ID = 'project-test-11111111-2222-3333-4444-555555555555';
export const SECRET = 'secret-test-SUPERSECRETVALUE0123456789abcdef=';
export const API_KEY = 'gk_test_0123456789abcdefghij';

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  };
  text: string;
}

/**
 * The real gateway (yoga in-process, no socket) wired to a real Stytch stand-in over loopback
 * HTTP. Every log line is kept in `logs` so tests can prove what was, and was not, written.
 */
export async function startStack(
  overrides: {
    timeoutMs?: number;
    apiKeys?: string[];
    sessionCookies?: boolean;
    tokensInBody?: boolean;
    /** Environment variables for the config, e.g. limits under test. */
    env?: Record<string, string>;
  } = {},
) {
  const stand = await new FakeStytch().start();
  const { logger, logs } = captureLogs();
  const gateway: Gateway = createGateway(
    testConfig(
      { projectId: PROJECT_ID, secret: SECRET, apiUrl: stand.url },
      {
        stytchTimeoutMs: overrides.timeoutMs ?? 2000,
        apiKeys: overrides.apiKeys ?? [API_KEY],
        sessionCookies: overrides.sessionCookies ?? null,
        tokensInBody: overrides.tokensInBody ?? null,
      },
      overrides.env,
    ),
    { logger },
  );

  async function gql(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse> {
    const res = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text), text };
  }

  return {
    stand,
    gateway,
    logs,
    gql,
    async stop() {
      await gateway.close();
      await stand.stop();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
