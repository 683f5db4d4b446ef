/**
 * `npm run bench`: the gateway against a bare pass-through, a hand-written Apollo Server and a bare
 * yoga server, on this machine, in one run.
 *
 * Starts a fast Stytch stand-in and every target in its own process: the gateway as production
 * runs it (`node <start:prod flags> dist/main.js`, built first), the pass-through, Apollo Server
 * and yoga's floor. Drives them from this process with autocannon (c=32) and a sequential client
 * (c=1), interleaving workloads over several rounds so machine drift hits all alike; checks every
 * answer before timing (shape) and during timing (bytes); reads each target's CPU time and memory
 * from /proc. Reports per workload, the ratios the targets are set in, and the selection sweep.
 *
 * BENCH_ROUNDS, BENCH_SECONDS, BENCH_LATENCY_SECONDS tune the run; BENCH_WORKLOADS=full,trusted,…
 * runs only some workloads (by key) while iterating.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { FULL, JSON_HEADERS, MINIMAL, operationBody, SWEEP, VIEWER } from './bench/workloads.js';
import { cpuMicros, mib, rssBytes, type Service, startService } from './lib/processes.js';
import { buildGateway, productionNodeFlags, startProductionGateway } from './lib/production.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const LATENCY_SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 2);
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 2);
const IDLE_SECONDS = Number(process.env['BENCH_IDLE_SECONDS'] ?? 10);
const ONLY = process.env['BENCH_WORKLOADS']?.split(',') ?? null;
const PROJECT_ID = 'project-test-bench';

type Target = 'gateway' | 'gatewayDefaults' | 'baseline' | 'apollo' | 'yoga';

interface Workload {
  key: string;
  name: string;
  target: Target;
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

buildGateway('bench');

// The trusted-document workload: the full selection, sent by its hash.
const manifestDir = mkdtempSync(join(tmpdir(), 'bench-trusted-'));
const manifest = join(manifestDir, 'persisted-documents.json');
const fullHash = `sha256:${createHash('sha256').update(FULL).digest('hex')}`;
writeFileSync(manifest, JSON.stringify({ [fullHash]: FULL }));

const standIn = await startService(
  'scripts/bench/stand-in.ts',
  { BENCH_PROJECT_ID: PROJECT_ID },
  /stand-in ready: (\S+) (\S+)/,
);
const [, stytchUrl = '', jwt = ''] = standIn.match;
const production = productionNodeFlags();
process.stdout.write(
  `bench: gateway started as \`node ${[...production.flags, 'dist/main.js'].join(' ')}\` (flags from ${production.from})\n`,
);
const gatewayEnv = {
  NODE_ENV: 'production',
  LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'info',
  TRUSTED_DOCUMENTS: manifest,
  ...(process.env['GRAPHQL_JIT'] ? { GRAPHQL_JIT: process.env['GRAPHQL_JIT'] } : {}),
};
const upstreamEnv = { BENCH_UPSTREAM: stytchUrl };
const started: Record<Target, Service & { match: RegExpExecArray }> = {
  gateway: await startProductionGateway(stytchUrl, gatewayEnv, {
    flags: production.flags,
    logFile: join(manifestDir, 'gateway.log'),
  }),
  // The same build on node's default V8 flags, to show what the production flags trade.
  gatewayDefaults: await startProductionGateway(stytchUrl, gatewayEnv, {
    flags: [],
    logFile: join(manifestDir, 'gateway-defaults.log'),
  }),
  baseline: await startService('scripts/bench/baseline.ts', upstreamEnv, /baseline ready: (\S+)/),
  apollo: await startService('scripts/bench/apollo.ts', upstreamEnv, /apollo ready: (\S+)/),
  yoga: await startService('scripts/bench/yoga-floor.ts', {}, /yoga ready: (\S+)/),
};
const services = Object.fromEntries(
  Object.entries(started).map(([k, s]) => [k, { ...s, url: s.match[1] as string }]),
) as unknown as Record<Target, Service & { url: string }>;
// At start: ready, nothing served yet. Idle: the same after IDLE_SECONDS without traffic, once
// V8's memory reducer (which starts 8 s after allocation stops) has run, as in a quiet hour.
const rssOfAll = () =>
  Object.fromEntries(Object.entries(services).map(([k, s]) => [k, rssBytes(s.pid)])) as Record<
    Target,
    number
  >;
const startRss = rssOfAll();
await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
const idleRss = rssOfAll();

const sweep = (fields: number) => SWEEP.find((s) => s.fields === fields) as (typeof SWEEP)[number];
const allWorkloads: Workload[] = [
  {
    key: 'baseline',
    name: 'pass-through (node:http + undici, no GraphQL)',
    target: 'baseline',
    body: operationBody(MINIMAL),
    headers: JSON_HEADERS,
    check: (t) => {
      if (JSON.parse(t).user_id === undefined) {
        throw new Error(`baseline: ${t.slice(0, 200)}`);
      }
    },
  },
  {
    key: 'apollo',
    name: 'Apollo Server, hand-written, full',
    target: 'apollo',
    body: operationBody(FULL),
    headers: JSON_HEADERS,
    check: expectGraphQL('authenticateMagicLink', 60),
  },
  {
    key: 'yoga',
    name: 'yoga floor: { hello }',
    target: 'yoga',
    body: JSON.stringify({ query: '{ hello }' }),
    headers: JSON_HEADERS,
    check: expectGraphQL('hello', 1),
  },
  {
    key: 'full',
    name: 'gateway: full (60 fields)',
    target: 'gateway',
    body: operationBody(FULL),
    headers: JSON_HEADERS,
    check: expectGraphQL('authenticateMagicLink', 60),
  },
  {
    key: 'full-defaults',
    name: 'gateway on node defaults: full',
    target: 'gatewayDefaults',
    body: operationBody(FULL),
    headers: JSON_HEADERS,
    check: expectGraphQL('authenticateMagicLink', 60),
  },
  {
    key: 'trusted',
    name: 'gateway: full, as a trusted document',
    target: 'gateway',
    body: JSON.stringify({ documentId: fullHash, variables: { token: 'bench-token' } }),
    headers: JSON_HEADERS,
    check: expectGraphQL('authenticateMagicLink', 60),
  },
  ...[1, 10, 200].map(
    (fields): Workload => ({
      key: `fields-${fields}`,
      name: `gateway: ${fields} field${fields === 1 ? '' : 's'}`,
      target: 'gateway',
      body: operationBody(sweep(fields).query),
      headers: JSON_HEADERS,
      check: expectGraphQL('authenticateMagicLink', sweep(fields).leaves),
    }),
  ),
  {
    key: 'viewer',
    name: 'gateway: viewer, fresh JWT (local)',
    target: 'gateway',
    body: JSON.stringify({ query: VIEWER }),
    headers: { ...JSON_HEADERS, authorization: `Bearer ${jwt}` },
    check: expectGraphQL('viewer', 3),
  },
];
const workloads = allWorkloads.filter((w) => !ONLY || ONLY.includes(w.key) || w.key === 'baseline');

// Correct before timing: each workload's answer is checked in full, and its bytes become the
// answer every timed response must match.
const expected = new Map<Workload, string>();
for (const w of workloads) {
  const url = new URL(services[w.target].url);
  const pool = new Pool(url.origin);
  const res = await pool.request({
    path: url.pathname,
    method: 'POST',
    headers: w.headers,
    body: w.body,
  });
  const text = await res.body.text();
  await pool.close();
  w.check(text);
  expected.set(w, text);
}

// Warm every workload up, untimed: V8's optimising compiler, graphql-jit's compiled documents and
// the connection pools are then ready before the first timed round.
for (const w of workloads) {
  await autocannon({
    url: services[w.target].url,
    method: 'POST',
    connections: 32,
    duration: WARMUP_SECONDS,
    headers: w.headers,
    body: w.body,
  });
}

/** The largest RSS each target showed right after one of its timed runs. */
const loadedRss = Object.fromEntries(Object.keys(services).map((k) => [k, 0])) as Record<
  Target,
  number
>;

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
    // Read at once: a few idle seconds later V8's memory reducer would already have shrunk it.
    loadedRss[w.target] = Math.max(loadedRss[w.target], rssBytes(service.pid));
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
    key: w.key,
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
console.table(rows.map(({ key: _key, ...row }) => row));

type Row = (typeof rows)[number];
const row = (key: string): Row | null => rows.find((r) => r.key === key) ?? null;
const base = row('baseline') as Row;
const ratio = (a: Row | null, b: Row | null, column: 'req/s (c=32)' | 'CPU µs/req') =>
  a && b ? a[column] / b[column] : Number.NaN;
const full = row('full');
const measures: Array<[string, number, string, boolean | null]> = [
  ['throughput, full / pass-through', ratio(full, base, 'req/s (c=32)'), '>= 0.30', null],
  ['throughput, full / Apollo Server', ratio(full, row('apollo'), 'req/s (c=32)'), '>= 1.5', null],
  ['CPU per request, full / pass-through', ratio(full, base, 'CPU µs/req'), '<= 4', null],
  [
    'added p50 latency at c=1, full (ms)',
    full ? (full['p50 µs (c=1)'] - base['p50 µs (c=1)']) / 1000 : Number.NaN,
    '<= 0.5',
    null,
  ],
  [
    'throughput, trusted / pass-through',
    ratio(row('trusted'), base, 'req/s (c=32)'),
    '>= 0.40',
    null,
  ],
  ['gateway RSS idle (MiB)', idleRss.gateway / 1048576, '<= 100', null],
  ['gateway RSS at start (MiB)', startRss.gateway / 1048576, 'report', true],
  ['gateway RSS after load (MiB)', loadedRss.gateway / 1048576, '<= 150', null],
  [
    'CPU per request, full: production flags / node defaults',
    ratio(full, row('full-defaults'), 'CPU µs/req'),
    'report',
    true,
  ],
  ['CPU per request, full / yoga floor', ratio(full, row('yoga'), 'CPU µs/req'), 'report', true],
  [
    'CPU per request, full minus yoga floor (µs)',
    full && row('yoga') ? full['CPU µs/req'] - (row('yoga') as Row)['CPU µs/req'] : Number.NaN,
    'report',
    true,
  ],
];
const met = (value: number, target: string) => {
  const [op, limit] = target.split(' ');
  return op === '>=' ? value >= Number(limit) : value <= Number(limit);
};
console.table(
  measures.map(([measure, value, target, fixed]) => ({
    measure,
    value: Number(value.toFixed(2)),
    target,
    met: Number.isNaN(value) ? 'not run' : (fixed ?? met(value, target)) ? 'yes' : 'NO',
  })),
);

// How cost grows with the selection: CPU per request above the 1-field operation.
const sweepRows = [1, 10, 60, 200].flatMap((fields) => {
  const r = row(fields === 60 ? 'full' : `fields-${fields}`);
  return r
    ? [
        {
          fields,
          'req/s (c=32)': r['req/s (c=32)'],
          'CPU µs/req': r['CPU µs/req'],
          'p50 µs (c=1)': r['p50 µs (c=1)'],
        },
      ]
    : [];
});
if (sweepRows.length > 1) {
  console.table(sweepRows);
}
const names: Record<Target, string> = {
  gateway: 'gateway',
  gatewayDefaults: 'gateway on node defaults',
  baseline: 'pass-through',
  apollo: 'Apollo Server',
  yoga: 'yoga floor',
};
for (const target of Object.keys(services) as Target[]) {
  process.stdout.write(
    `RSS ${names[target]}: at start ${mib(startRss[target])}, idle ${mib(idleRss[target])}, after load ${mib(loadedRss[target])}\n`,
  );
}

const bad = rows.reduce((n, r) => n + r['bad answers'], 0);
await Promise.all([...Object.values(services).map((s) => s.stop()), standIn.stop()]);
if (bad > 0) {
  process.stderr.write(`bench: ${bad} responses were wrong or failed\n`);
  process.exit(1);
}
