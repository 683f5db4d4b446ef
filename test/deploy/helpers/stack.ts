import { request } from 'undici';
import { SANDBOX } from '../../../src/emulator/index.js';
import { ROOT } from './build.js';
import { baseEnv, type Proc, startProcess } from './process.js';

export const PROJECT_ID = 'project-test-0d0e0f00-1111-4222-8333-444455556666';
export const SECRET = 'secret-test-deploy-0123456789abcdefghijklmnopqrstuv=';
export const API_KEY = 'gk_deploy_0123456789abcdefghij';
export { SANDBOX };

export interface EmulatorProcess {
  proc: Proc;
  /** Ends with `/`. */
  url: string;
}

/**
 * The emulator as Stytch, in its own process: `npm run emulator`'s entry (src/emulator/main.ts
 * through tsx), on 127.0.0.1 and a free port, with this file's project id and secret.
 */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const proc = startProcess(
    'emulator',
    process.execPath,
    ['--import', 'tsx', 'src/emulator/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...baseEnv(),
        EMULATOR_PORT: '0',
        EMULATOR_HOST: '127.0.0.1',
        EMULATOR_PROJECT_ID: PROJECT_ID,
        EMULATOR_SECRET: SECRET,
      },
    },
  );
  const [, url] = await proc.waitFor(/base URL\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
  return { proc, url: url as string };
}

/** What a production instance needs from its environment, Stytch being the emulator process. */
export function productionEnv(emulator: EmulatorProcess): Record<string, string> {
  return {
    ...baseEnv(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    STYTCH_PROJECT_ID: PROJECT_ID,
    STYTCH_SECRET: SECRET,
    STYTCH_API_URL: emulator.url,
    GATEWAY_API_KEYS: API_KEY,
    LOG_LEVEL: 'warn',
  };
}

export interface GatewayProcess {
  proc: Proc;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  port: number;
  /** http://127.0.0.1:ADMIN_PORT */
  adminUrl: string;
  adminPort: number;
}

/**
 * A gateway process: `command` with `args` (the built dist/main.js under this test's Node, or the
 * installed bin), waited for until it prints both ready lines. ADMIN_PORT must be set.
 */
export async function startGatewayProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<GatewayProcess> {
  const proc = startProcess(name, command, args, options);
  const [, url, port] = await proc.waitFor(
    /GraphQL gateway ready: (http:\/\/127\.0\.0\.1:(\d+)\/graphql)/,
  );
  const [, adminUrl, adminPort] = await proc.waitFor(
    /Admin endpoints ready: (http:\/\/127\.0\.0\.1:(\d+))/,
  );
  return {
    proc,
    url: url as string,
    port: Number(port),
    adminUrl: adminUrl as string,
    adminPort: Number(adminPort),
  };
}

export interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** POSTs an operation with the API key, as a server-side caller would. */
export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { headers?: Record<string, string>; dispatcher?: import('undici').Dispatcher } = {},
): Promise<{ status: number; body: GraphQLBody }> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...options.headers },
    body: JSON.stringify({ query, variables }),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  return { status: res.statusCode, body: (await res.body.json()) as GraphQLBody };
}

export const USER_QUERY = 'query ($id: ID!) { user(id: $id) { id } }';

/**
 * The sum of a Prometheus metric's samples on an instance's admin port, over the samples whose
 * labels include every given one.
 */
export async function metric(
  adminUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const res = await request(`${adminUrl}/metrics`);
  const text = await res.body.text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) {
      continue;
    }
    const found = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => found.includes(`${k}="${v}"`))) {
      sum += Number(match[3]);
    }
  }
  return sum;
}
