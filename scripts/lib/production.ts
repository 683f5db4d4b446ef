import { readFileSync } from 'node:fs';
import { ROOT } from './processes.js';

/**
 * The V8 flags production runs with when package.json has no `start:prod` script to read them
 * from. Under load the gateway's live heap stays near 30 MiB, but V8's defaults let the old
 * generation grow to ~4x that between full collections and each young semi-space to 16 MiB:
 * RSS after load reached ~200 MiB, of which ~100 MiB was garbage waiting for a collection.
 * `--heap-growing-percent=100` starts the next full collection at twice the live heap,
 * `--max-semi-space-size=8` halves the young generation (docs/performance.md has the numbers).
 */
export const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=100'];

/**
 * The node flags of the production command: those `npm run start:prod` passes to node before
 * `dist/main.js`, or PRODUCTION_NODE_FLAGS while that script does not exist (BENCH_NODE_FLAGS
 * overrides both, to try others). The benchmark starts the gateway exactly so, in its own process.
 */
export function productionNodeFlags(): { flags: string[]; from: string } {
  const override = process.env['BENCH_NODE_FLAGS'];
  if (override !== undefined) {
    return { flags: override.split(' ').filter(Boolean), from: 'BENCH_NODE_FLAGS' };
  }
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.['start:prod'];
  const match = script
    ? /^node((?:\s+--?[\w-]+(?:=\S+)?)*)\s+dist\/main\.js\s*$/.exec(script)
    : null;
  if (!match) {
    return { flags: PRODUCTION_NODE_FLAGS, from: 'scripts/lib/production.ts' };
  }
  return {
    flags: (match[1] ?? '').trim().split(/\s+/).filter(Boolean),
    from: 'npm run start:prod',
  };
}
