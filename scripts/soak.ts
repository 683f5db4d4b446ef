/**
 * `npm run soak`: bounded load for 60 s (SOAK_SECONDS) against a gateway backed by the Stytch
 * emulator, both in processes of their own. Reports errors (must be 0), throughput, latency and
 * the gateway's memory before and after. Not part of `npm test`.
 */
import autocannon from 'autocannon';
import { request } from 'undici';
import { mib, rssBytes, startService } from './lib/processes.js';

const seconds = Number(process.env['SOAK_SECONDS'] ?? 60);
const connections = Number(process.env['SOAK_CONNECTIONS'] ?? 16);
const API_KEY = 'soak-api-key-0123456789abcdef';

const emulator = await startService(
  'src/emulator/main.ts',
  { EMULATOR_PORT: '0' },
  /base URL\s+(http:\/\/\S+)/,
);
const stytchUrl = emulator.match[1] as string;
const projectId = /project_id\s+(\S+)/.exec(emulator.output())?.[1] as string;
const secret = /secret\s+(\S+)/.exec(emulator.output())?.[1] as string;
const basic = `Basic ${Buffer.from(`${projectId}:${secret}`).toString('base64')}`;

async function stytch(path: string, body: object) {
  const res = await request(`${stytchUrl}${path}`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.body.json()) as Record<string, string>;
}

// A user with a live session: its opaque token costs an upstream call per viewer, its JWT none.
const { user_id: userId } = await stytch('emulator/users', { email: 'soak@example.com' });
const { token } = await stytch('v1/magic_links', { user_id: userId });
const session = await stytch('v1/magic_links/authenticate', {
  token,
  session_duration_minutes: 120,
});

const gateway = await startService(
  'src/main.ts',
  {
    STYTCH_PROJECT_ID: projectId,
    STYTCH_SECRET: secret,
    STYTCH_API_URL: stytchUrl,
    GATEWAY_API_KEYS: API_KEY,
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_TOKEN: '0',
    LOG_LEVEL: 'warn',
    PORT: '0',
  },
  /GraphQL gateway ready: (\S+)/,
);
const url = gateway.match[1] as string;

const operations: Array<{ query: string; headers: Record<string, string> }> = [
  {
    query: '{ viewer { user { id emails { email } } session { id expiresAt } } }',
    headers: { authorization: `Bearer ${session['session_jwt']}` },
  },
  {
    query: '{ viewer { session { id authenticationFactors { type } } } }',
    headers: { authorization: `Bearer ${session['session_token']}` },
  },
  {
    query: `mutation { createMagicLink(input: {userId: "${userId}"}) { token } }`,
    headers: { 'x-api-key': API_KEY },
  },
  {
    query: `{ user(id: "${userId}") { id name { firstName } } }`,
    headers: { 'x-api-key': API_KEY },
  },
];
const requests = operations.map((op) => ({
  method: 'POST' as const,
  path: new URL(url).pathname,
  headers: { 'content-type': 'application/json', ...op.headers },
  body: JSON.stringify({ query: op.query }),
}));

// Each operation must work before the clock starts.
for (const req of requests) {
  const res = await request(url, { method: 'POST', headers: req.headers, body: req.body });
  const text = await res.body.text();
  if (res.statusCode !== 200 || text.includes('"errors"')) {
    throw new Error(`warm-up failed: ${res.statusCode} ${text}`);
  }
}
const before = rssBytes(gateway.pid);
process.stdout.write(`soak: ${seconds}s at ${connections} connections against ${url}\n`);

const result = await autocannon({
  url,
  connections,
  duration: seconds,
  requests,
  // A 200 that carries GraphQL errors is a failure too.
  verifyBody: (body) => !String(body).includes('"errors"'),
});
// Let the event loop and GC settle before reading memory again.
await new Promise((r) => setTimeout(r, 2000));
const after = rssBytes(gateway.pid);

const errors = result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0);
const report = {
  seconds,
  connections,
  requests: result.requests.total,
  'req/s': Math.round(result.requests.average),
  'p50 ms': result.latency.p50,
  'p99 ms': result.latency.p99,
  errors,
  'gateway RSS before': mib(before),
  'gateway RSS after': mib(after),
};
console.table(report);
await gateway.stop();
await emulator.stop();
process.exit(errors === 0 ? 0 : 1);
