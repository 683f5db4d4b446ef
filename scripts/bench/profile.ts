/**
 * `npx tsx scripts/bench/profile.ts [workload]`: a CPU profile of the built gateway under load.
 *
 * Starts the stand-in and `node --cpu-prof dist/main.js`, drives one workload with autocannon
 * (c=32) for PROFILE_SECONDS, stops the gateway so V8 writes the profile, and prints self time
 * by function and by package. Run `npm run build` first. The .cpuprofile file is kept (its path
 * is printed) for Chrome DevTools.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cpuMicros, rssBytes, startService } from '../lib/processes.js';
import { productionNodeFlags, startProductionGateway } from '../lib/production.js';

const SECONDS = Number(process.env['PROFILE_SECONDS'] ?? 10);
const PROJECT_ID = 'project-test-bench';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

/** Self time by function and by package, from a .cpuprofile. */
export function summarise(file: string, top = 40): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
  };
  const total = profile.samples.length;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    if (node.hitCount === 0) {
      continue;
    }
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      .replace(/^file:\/\/.*?node_modules\//, '')
      .replace(/^file:\/\/.*?\/dist\//, 'dist/');
    const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
    const pkg = url.includes('node_modules/')
      ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? url)
      : url.includes('/dist/')
        ? 'gateway (dist)'
        : url.startsWith('node:')
          ? 'node internals'
          : functionName.startsWith('(')
            ? functionName
            : url || 'native';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.hitCount);
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
  const lines = [`${total} samples`, '', 'by package:'];
  for (const [pkg, n] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    lines.push(`${pct(n)}  ${pkg}`);
  }
  lines.push('', 'by function:');
  for (const [name, n] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`${pct(n)}  ${name}`);
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const workload = process.argv[2] ?? 'full';
  const standIn = await startService(
    'scripts/bench/stand-in.ts',
    { BENCH_PROJECT_ID: PROJECT_ID },
    /stand-in ready: (\S+) (\S+)/,
  );
  const [, stytchUrl = ''] = standIn.match;
  const dir = mkdtempSync(join(tmpdir(), 'gateway-profile-'));
  const gateway = await startProductionGateway(
    stytchUrl,
    { NODE_ENV: 'production', LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info' },
    {
      flags: [
        ...(process.env['PROFILE_CPU'] === 'off' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`]),
        // PROFILE_NODE_FLAGS (space-separated) replaces the production command's flags.
        ...(process.env['PROFILE_NODE_FLAGS']?.split(' ').filter(Boolean) ??
          productionNodeFlags().flags),
      ],
      logFile: join(dir, 'gateway.log'),
    },
  );
  const { workloadBody } = await import('./workloads.js');
  const { body, headers } = workloadBody(workload);
  const url = gateway.match[1] as string;
  // Warm up untimed, so the profile shows the steady state rather than start-up and compilation.
  await autocannon({ url, method: 'POST', connections: 32, duration: 3, headers, body });
  if (process.env['PROFILE_START_SIGNAL']) {
    process.kill(gateway.pid, process.env['PROFILE_START_SIGNAL'] as NodeJS.Signals);
    await new Promise((r) => setTimeout(r, 200));
  }
  const cpuBefore = cpuMicros(gateway.pid);
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 32,
    duration: SECONDS,
    headers,
    body,
  });
  const cpu = (cpuMicros(gateway.pid) - cpuBefore) / result.requests.total;
  process.stdout.write(
    `${workload}: ${Math.round(result.requests.total / result.duration)} req/s, ${Math.round(cpu)} µs CPU/req, ${result.non2xx} non-2xx, ${result.errors} errors\n`,
  );
  process.stdout.write(`RSS after load: ${(rssBytes(gateway.pid) / 1048576).toFixed(1)} MiB\n`);
  // E.g. PROFILE_NODE_FLAGS=--heapsnapshot-signal=SIGUSR2 PROFILE_SIGNAL=SIGUSR2: a heap
  // snapshot of the loaded gateway, written to the repository's root.
  if (process.env['PROFILE_SIGNAL']) {
    process.kill(gateway.pid, process.env['PROFILE_SIGNAL'] as NodeJS.Signals);
    await new Promise((r) => setTimeout(r, 2000));
  }
  await gateway.stop();
  await standIn.stop();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    process.stdout.write(`${join(dir, file)}\n${summarise(join(dir, file))}\n`);
  }
}
