import { readFileSync } from 'node:fs';
import { ROOT } from './processes.js';

/**
 * The V8 flags production runs with when package.json has no `start:prod` script to read them
 * from. A smaller young generation: V8's default lets each semi-space grow to 16 MiB under load
 * and keeps it, ~30 MiB of RSS that buys this gateway no throughput (docs/performance.md).
 */
export const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=4'];

/**
 * The node flags of the production command: those `npm run start:prod` passes to node before
 * `dist/main.js`, or PRODUCTION_NODE_FLAGS while that script does not exist. The benchmark starts
 * the gateway exactly so, in its own process.
 */
export function productionNodeFlags(): { flags: string[]; from: string } {
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
