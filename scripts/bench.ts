/**
 * `npm run bench`: the gateway against a bare pass-through, on this machine, in one run.
 *
 * Starts a fast Stytch stand-in, the gateway (built JavaScript, as production runs it) and the
 * baseline, each in its own process; drives them from this process with autocannon (c=32) and a
 * sequential client (c=1), interleaving targets over several rounds so machine drift hits all
 * alike; checks responses before and during timing; reads each target's CPU time and memory from
 * /proc. Reports per target and workload, and the ratios to the baseline.
 */
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { cpuMicros, mib, ROOT, rssBytes, type Service, startService } from './lib/processes.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const LATENCY_SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 2);
const PROJECT_ID = 'project-test-bench';

const FULL = `mutation Full($token: String!) {
  authenticateMagicLink(input: { token: $token }) {
    requestId statusCode userId methodId resetSessions sessionToken sessionJwt
    user {
      id userId status isLocked roles createdAt externalId trustedMetadata untrustedMetadata
      name { firstName middleName lastName }
      emails { emailId email verified }
      phoneNumbers { phoneId phoneNumber verified }
      providers { providerType providerSubject locale }
      webauthnRegistrations { webauthnRegistrationId domain verified authenticatorType name }
      totps { totpId verified }
      password { passwordId requiresReset }
    }
    session {
      id sessionId userId roles startedAt lastAccessedAt expiresAt customClaims
      attributes { ipAddress userAgent }
      authenticationFactors {
        type deliveryMethod lastAuthenticatedAt createdAt updatedAt
        emailFactor { emailId emailAddress }
        phoneNumberFactor { phoneId phoneNumber }
      }
    }
  }
}`;
const MINIMAL = `mutation Minimal($token: String!) {
  authenticateMagicLink(input: { token: $token }) { userId }
}`;
// Session fields only: the user would cost a GET /v1/users, and this workload is the local check.
const VIEWER = '{ viewer { session { id userId expiresAt roles } } }';

interface Workload {
  name: string;
  target: 'gateway' | 'baseline';
  body: string;
  headers: Record<string, string>;
  check: (body: string) => void;
}

function countLeaves(value: unknown): number {
  if (Array.isArray(value)) {
    return value.reduce((n: number, v) => n + countLeaves(v), 0);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).reduce((n: number, v) => n + countLeaves(v), 0);
  }
  return 1;
}

function expectGraphQL(field: string, minLeaves: number) {
  return (text: string) => {
    const body = JSON.parse(text);
    if (body.errors || !body.data?.[field] || countLeaves(body.data) < minLeaves) {
      throw new Error(`unexpected response: ${text.slice(0, 300)}`);
    }
  };
}

async function latencyRun(url: string, body: string, headers: Record<string, string>) {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: 1 });
  const samples: number[] = [];
  const end = performance.now() + LATENCY_SECONDS * 1000;
  while (performance.now() < end) {
    const started = process.hrtime.bigint();
    const res = await pool.request({ path: target.pathname, method: 'POST', headers, body });
    await res.body.text();
    samples.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  await pool.close();
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

process.stdout.write('bench: building the gateway (tsc -p tsconfig.build.json)\n');
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});

const standIn = await startService(
  'scripts/bench/stand-in.ts',
  { BENCH_PROJECT_ID: PROJECT_ID },
  /stand-in ready: (\S+) (\S+)/,
);
const [, stytchUrl = '', jwt = ''] = standIn.match;
const gatewayEnv = {
  STYTCH_PROJECT_ID: PROJECT_ID,
  STYTCH_SECRET: 'secret-test-bench',
  STYTCH_API_URL: stytchUrl,
  RATE_LIMIT_PER_IP: '0',
  RATE_LIMIT_PER_TOKEN: '0',
  LOG_LEVEL: 'warn',
  PORT: '0',
  ...(process.env['GRAPHQL_JIT'] ? { GRAPHQL_JIT: process.env['GRAPHQL_JIT'] } : {}),
};
const gateway = await startService('dist/main.js', gatewayEnv, /GraphQL gateway ready: (\S+)/);
const baseline = await startService(
  'scripts/bench/baseline.ts',
  { BENCH_UPSTREAM: stytchUrl },
  /baseline ready: (\S+)/,
);
const services: Record<Workload['target'], Service & { url: string }> = {
  gateway: { ...gateway, url: gateway.match[1] as string },
  baseline: { ...baseline, url: baseline.match[1] as string },
};

const json = { 'content-type': 'application/json' };
const request = (query: string) => JSON.stringify({ query, variables: { token: 'bench-token' } });
const workloads: Workload[] = [
  {
    name: 'baseline (REST pass-through)',
    target: 'baseline',
    body: request(MINIMAL),
    headers: json,
    check: (t) => {
      if (JSON.parse(t).user_id === undefined) {
        throw new Error(`baseline: ${t.slice(0, 200)}`);
      }
    },
  },
  {
    name: 'authenticateMagicLink, full',
    target: 'gateway',
    body: request(FULL),
    headers: json,
    check: expectGraphQL('authenticateMagicLink', 60),
  },
  {
    name: 'authenticateMagicLink, minimal',
    target: 'gateway',
    body: request(MINIMAL),
    headers: json,
    check: expectGraphQL('authenticateMagicLink', 1),
  },
  {
    name: 'viewer, fresh JWT (local)',
    target: 'gateway',
    body: JSON.stringify({ query: VIEWER }),
    headers: { ...json, authorization: `Bearer ${jwt}` },
    check: expectGraphQL('viewer', 3),
  },
];

// Correct before timing: each workload's answer is checked in full, and its bytes become the
// answer every timed response must match.
const expected = new Map<Workload, string>();
for (const w of workloads) {
  const pool = new Pool(new URL(services[w.target].url).origin);
  const res = await pool.request({
    path: new URL(services[w.target].url).pathname,
    method: 'POST',
    headers: w.headers,
    body: w.body,
  });
  const text = await res.body.text();
  await pool.close();
  w.check(text);
  expected.set(w, text);
}
// viewer's user comes from GET /v1/users on the stand-in, which answers with the auth body: the
// answer is still stable, which is all the byte comparison needs.

interface Totals {
  requests: number;
  seconds: number;
  cpu: number;
  mismatches: number;
  errors: number;
  p50: number[];
  p99: number[];
  c1p50: number[];
  c1p99: number[];
}
const totals = new Map<Workload, Totals>(
  workloads.map((w) => [
    w,
    {
      requests: 0,
      seconds: 0,
      cpu: 0,
      mismatches: 0,
      errors: 0,
      p50: [],
      p99: [],
      c1p50: [],
      c1p99: [],
    },
  ]),
);

for (let round = 1; round <= ROUNDS; round++) {
  // Rotate the order each round, so no target always runs first (or right after another).
  const order = workloads.map((_, i) => workloads[(i + round) % workloads.length] as Workload);
  for (const w of order) {
    const service = services[w.target];
    const body = expected.get(w) as string;
    const cpuBefore = cpuMicros(service.pid);
    const result = await autocannon({
      url: service.url,
      method: 'POST',
      connections: 32,
      duration: SECONDS,
      headers: w.headers,
      body: w.body,
      verifyBody: (text) => String(text) === body,
    });
    const cpu = cpuMicros(service.pid) - cpuBefore;
    const t = totals.get(w) as Totals;
    t.requests += result.requests.total;
    t.seconds += result.duration;
    t.cpu += cpu;
    t.mismatches += result.mismatches ?? 0;
    t.errors += result.errors + result.timeouts + result.non2xx;
    t.p50.push(result.latency.p50);
    t.p99.push(result.latency.p99);
    const latency = await latencyRun(service.url, w.body, w.headers);
    t.c1p50.push(latency.p50);
    t.c1p99.push(latency.p99);
    process.stdout.write(
      `round ${round}: ${w.name}: ${Math.round(result.requests.total / result.duration)} req/s\n`,
    );
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rows = workloads.map((w) => {
  const t = totals.get(w) as Totals;
  return {
    workload: w.name,
    'req/s (c=32)': Math.round(t.requests / t.seconds),
    'p50 ms (c=32)': median(t.p50),
    'p99 ms (c=32)': median(t.p99),
    'p50 µs (c=1)': Math.round(median(t.c1p50)),
    'p99 µs (c=1)': Math.round(median(t.c1p99)),
    'CPU µs/req': Math.round(t.cpu / t.requests),
    'bad answers': t.mismatches + t.errors,
  };
});
const rss = { gateway: rssBytes(gateway.pid), baseline: rssBytes(baseline.pid) };
console.table(rows);

const base = rows[0] as (typeof rows)[number];
const full = rows[1] as (typeof rows)[number];
const minimal = rows[2] as (typeof rows)[number];
const ratios = [
  [
    'throughput, full / baseline',
    full['req/s (c=32)'] / base['req/s (c=32)'],
    '>= 0.5',
    full['req/s (c=32)'] / base['req/s (c=32)'] >= 0.5,
  ],
  [
    'CPU per request, full / baseline',
    full['CPU µs/req'] / base['CPU µs/req'],
    '<= 2',
    full['CPU µs/req'] / base['CPU µs/req'] <= 2,
  ],
  [
    'added latency at c=1, p50 (ms)',
    (full['p50 µs (c=1)'] - base['p50 µs (c=1)']) / 1000,
    '<= 0.3',
    full['p50 µs (c=1)'] - base['p50 µs (c=1)'] <= 300,
  ],
  ['gateway RSS after load (MiB)', rss.gateway / 1048576, '<= 150', rss.gateway / 1048576 <= 150],
  ['CPU per request, full / minimal', full['CPU µs/req'] / minimal['CPU µs/req'], 'report', true],
] as const;
console.table(
  ratios.map(([measure, value, target, met]) => ({
    measure,
    value: Number(value.toFixed(2)),
    target,
    met: met ? 'yes' : 'NO',
  })),
);
process.stdout.write(
  `RSS after load: gateway ${mib(rss.gateway)}, baseline ${mib(rss.baseline)}\n`,
);

const bad = rows.reduce((n, r) => n + r['bad answers'], 0);
await Promise.all([gateway.stop(), baseline.stop(), standIn.stop()]);
if (bad > 0) {
  process.stderr.write(`bench: ${bad} responses were wrong or failed\n`);
  process.exit(1);
}
