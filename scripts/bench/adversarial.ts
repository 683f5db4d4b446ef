/**
 * `npm run bench:adversarial`: the most CPU a single request can cost the gateway, for requests
 * within MAX_BODY_BYTES, by class of attack. The gateway runs as production runs it (built
 * JavaScript and the start:prod flags, its own process, default limits, rate limits off so every
 * request is processed);
 * each class sends distinct documents (a changing comment or name, so no cache helps) one at a
 * time, and the gateway's CPU time is read from /proc around each batch. A legitimate operation
 * and `{ __typename }` are measured the same way, for scale, and `{ __typename }` is also timed
 * while five adversarial requests run at once.
 */
import { Pool } from 'undici';
import { cpuMicros, startService } from '../lib/processes.js';
import { buildGateway, startProductionGateway } from '../lib/production.js';

const MAX_BODY_BYTES = 100_000;
const PER_CLASS = Number(process.env['ADVERSARIAL_REQUESTS'] ?? 40);

/** A body as close to MAX_BODY_BYTES as the class allows. */
type Make = (i: number) => { body: string; contentType?: string };
const json = (query: string, variables?: unknown) => ({
  body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
});
const fill = (unit: string, overhead = 200) =>
  Math.floor((MAX_BODY_BYTES - overhead) / Buffer.byteLength(JSON.stringify(unit)));

const CLASSES: Record<string, Make> = {
  'duplicate fields (viewer x N)': (i) => {
    const unit = 'viewer { user { id } } ';
    return json(`# ${i}\n{ ${unit.repeat(fill(unit))} }`);
  },
  'duplicate leaf fields (__typename x N)': (i) =>
    json(`# ${i}\n{ ${'__typename '.repeat(fill('__typename '))} }`),
  'aliases (a1: viewer ...)': (i) => {
    const n = fill('a0000: viewer { session { id } } ');
    return json(
      `# ${i}\n{ ${Array.from({ length: n }, (_, k) => `a${k}: viewer { session { id } }`).join(' ')} }`,
    );
  },
  'fragment bomb (doubling x 30)': (i) => {
    const defs = ['fragment F0 on Viewer { session { id } }'];
    for (let k = 1; k <= 30; k++) {
      defs.push(`fragment F${k} on Viewer { ...F${k - 1} ...F${k - 1} }`);
    }
    return json(`# ${i}\n{ viewer { ...F30 } } ${defs.join(' ')}`);
  },
  'many unused fragments': (i) => {
    const unit = 'fragment F00000 on Viewer { session { id } } ';
    const n = fill(unit);
    return json(
      `# ${i}\n{ __typename } ${Array.from({ length: n }, (_, k) => `fragment F${k} on Viewer { session { id } }`).join(' ')}`,
    );
  },
  'deep introspection': (i) => {
    let inner = 'name';
    for (let k = 0; k < 40; k++) {
      inner = `name fields { type { ${inner} } }`;
    }
    return json(`# ${i}\n{ __schema { types { ${inner} } } }`);
  },
  'many operations': (i) => {
    const unit = 'query Q00000 { __typename } ';
    const n = fill(unit);
    return json(
      `# ${i}\n${Array.from({ length: n }, (_, k) => `query Q${k} { __typename }`).join(' ')}`,
    );
  },
  'many variables': (i) => {
    const unit = '$v00000: String, ';
    const n = fill(unit);
    return json(
      `# ${i}\nquery (${Array.from({ length: n }, (_, k) => `$v${k}: String`).join(', ')}) { __typename }`,
    );
  },
  directives: (i) => {
    const unit = '@include(if: true) ';
    return json(`# ${i}\n{ __typename ${unit.repeat(fill(unit))} }`);
  },
  'long string literal': (i) =>
    json(`# ${i}\n{ user(id: "${'x'.repeat(MAX_BODY_BYTES - 200)}") { id } }`),
  'deep JSON literal (sessionCustomClaims)': (i) => {
    const depth = fill('{a:}') / 2;
    return json(
      `# ${i}\nmutation { authenticateMagicLink(input: { token: "t", sessionCustomClaims: ${'{a:'.repeat(depth)}1${'}'.repeat(depth)} }) { userId } }`,
    );
  },
  'deep JSON variable (sessionCustomClaims)': (i) => {
    const depth = Math.floor((MAX_BODY_BYTES - 400) / 7);
    const claims = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return {
      body: `{"query":"# ${i}\\nmutation ($c: JSON) { authenticateMagicLink(input: { token: \\"t\\", sessionCustomClaims: $c }) { userId } }","variables":{"c":${claims}}}`,
    };
  },
  'wide variables object': (i) => {
    const n = Math.floor((MAX_BODY_BYTES - 400) / 14);
    const input: Record<string, string> = { token: 't' };
    for (let k = 0; k < n; k++) {
      input[`k${k}`] = 'v';
    }
    return json(
      `# ${i}\nmutation ($input: AuthenticateMagicLinkInput!) { authenticateMagicLink(input: $input) { userId } }`,
      { input },
    );
  },
  // The largest documents that pass every pre-validation limit: what validation itself can cost.
  'nested duplicates, under every limit': (i) => {
    const inner = `user { ${'id '.repeat(10)} } `;
    const mid = `viewer { ${inner.repeat(10)} } `;
    return json(`# ${i}\n{ ${mid.repeat(10)} }`);
  },
  'broad selection x 25, under every limit': (i) => {
    const unit =
      'viewer { session { id userId expiresAt roles authenticationFactors { type deliveryMethod } } user { id status emails { email verified } } } ';
    return json(`# ${i}\n{ ${unit.repeat(25)} }`);
  },
  'malformed JSON': (i) => ({ body: `{"query": "# ${i} ${'x'.repeat(MAX_BODY_BYTES - 100)}` }),
  'comments only': (i) =>
    json(`# ${i}\n${'# comment\n'.repeat(fill('# comment\n'))}{ __typename }`),
};

const LEGIT = {
  '{ __typename }': (i: number) => json(`# ${i}\n{ __typename }`),
  'signed-out viewer': (i: number) =>
    json(`# ${i}\n{ viewer { user { id emails { email } } session { id expiresAt } } }`),
};

buildGateway('bench:adversarial');
const stand = await startService('scripts/bench/stand-in.ts', {}, /stand-in ready: (\S+) (\S+)/);
const gateway = await startProductionGateway(
  stand.match[1] ?? '',
  // To see what a limit buys: e.g. MAX_TOKENS=5000 npm run bench:adversarial.
  Object.fromEntries(
    ['MAX_TOKENS', 'MAX_SELECTIONS', 'MAX_DEPTH', 'MAX_ALIASES']
      .filter((name) => process.env[name])
      .map((name) => [name, process.env[name] as string]),
  ),
);
const url = new URL(gateway.match[1] ?? '');
const pool = new Pool(url.origin, { connections: 8 });

async function send(make: Make, i: number) {
  const { body, contentType } = make(i);
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    throw new Error(`a body of ${Buffer.byteLength(body)} bytes is over the limit`);
  }
  const started = performance.now();
  const res = await pool.request({
    path: url.pathname,
    method: 'POST',
    headers: { 'content-type': contentType ?? 'application/json' },
    body,
  });
  const text = await res.body.text();
  return { status: res.statusCode, ms: performance.now() - started, text };
}

interface Row {
  name: string;
  cpuMs: number;
  maxMs: number;
  status: string;
}

async function measure(name: string, make: Make, offset: number): Promise<Row> {
  await send(make, offset - 1); // warm the code path, not the cache: the next ones are new
  const before = cpuMicros(gateway.pid);
  let maxMs = 0;
  const statuses = new Set<string>();
  for (let i = 0; i < PER_CLASS; i++) {
    const r = await send(make, offset + i);
    maxMs = Math.max(maxMs, r.ms);
    const code = /"code":"([A-Z_]+)"/.exec(r.text)?.[1];
    statuses.add(`${r.status}${code ? ` ${code}` : ''}`);
  }
  const cpuMs = (cpuMicros(gateway.pid) - before) / 1000 / PER_CLASS;
  return { name, cpuMs, maxMs, status: [...statuses].join(', ') };
}

// Warm up every code path (JIT, lazy modules) so the first class is not charged for it.
for (let i = 0; i < 300; i++) {
  await send(LEGIT['signed-out viewer'], i);
}

const rows: Row[] = [];
const all: Array<[string, Make]> = [...Object.entries(LEGIT), ...Object.entries(CLASSES)];
for (const [index, [name, make]] of all.entries()) {
  rows.push(await measure(name, make, (index + 1) * 1_000));
}

// `{ __typename }` while five of the costliest adversarial requests run at once.
const worst = rows
  .filter((r) => Object.hasOwn(CLASSES, r.name))
  .sort((a, b) => b.cpuMs - a.cpuMs)[0] as Row;
const worstMake = CLASSES[worst.name] as Make;
let stop = false;
let n = 50_000;
const attackers = Array.from({ length: 5 }, async () => {
  while (!stop) {
    await send(worstMake, n++);
  }
});
const probes: number[] = [];
for (let i = 0; i < 50; i++) {
  probes.push((await send(LEGIT['{ __typename }'], 90_000 + i)).ms);
}
stop = true;
await Promise.all(attackers);
probes.sort((a, b) => a - b);

// `{ __typename }` while fifty browsers load GraphiQL at once (it was 9 s before the page was
// rendered and compressed once).
const page = async () => {
  const res = await pool.request({
    path: url.pathname,
    method: 'GET',
    headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' },
  });
  await res.body.dump();
};
await page();
const loads = Promise.all(Array.from({ length: 50 }, page));
const duringPages: number[] = [];
for (let i = 0; i < 20; i++) {
  duringPages.push((await send(LEGIT['{ __typename }'], 95_000 + i)).ms);
}
await loads;
duringPages.sort((a, b) => a - b);

const pad = (s: string, w: number) => s.padEnd(w);
process.stdout.write(
  `\nCPU per request (gateway process, /proc, mean of ${PER_CLASS} distinct documents) and the slowest answer:\n\n`,
);
process.stdout.write(`${pad('class', 42)} ${pad('CPU ms/req', 11)} ${pad('max ms', 8)} answer\n`);
for (const row of rows) {
  process.stdout.write(
    `${pad(row.name, 42)} ${pad(row.cpuMs.toFixed(2), 11)} ${pad(row.maxMs.toFixed(1), 8)} ${row.status}\n`,
  );
}
const adversarial = rows.filter((r) => Object.hasOwn(CLASSES, r.name));
const bound = Math.max(...adversarial.map((r) => r.cpuMs));
const slowest = Math.max(...adversarial.map((r) => r.maxMs));
process.stdout.write(
  `\nworst class: ${worst.name}: ${bound.toFixed(2)} ms CPU per request; slowest single answer ${slowest.toFixed(1)} ms\n` +
    `{ __typename } while 5 of those run at once: p50 ${probes[25]?.toFixed(1)} ms, max ${probes.at(-1)?.toFixed(1)} ms\n` +
    `{ __typename } while 50 GraphiQL pages load: p50 ${duringPages[10]?.toFixed(1)} ms, max ${duringPages.at(-1)?.toFixed(1)} ms\n`,
);
await pool.close();
await gateway.stop();
await stand.stop();
