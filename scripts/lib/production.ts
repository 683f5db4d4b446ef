import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT, startService } from './processes.js';

/**
 * The V8 flags production runs with when package.json has no `start:prod` script to read them
 * from. Under load the gateway's live heap stays near 30 MiB, but V8's defaults let the old
 * generation grow to ~4x that between full collections and each young semi-space to 16 MiB: RSS
 * right after load reached 190-220 MiB, most of it garbage waiting for a collection.
 * `--heap-growing-percent=50` starts the next full collection at 1.5x the live heap and
 * `--max-semi-space-size=4` keeps the young generation small: ~125-140 MiB after load, for ~25 %
 * more CPU per request (docs/performance.md has the trade-off measured).
 */
const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];

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
    ? /^(?:exec\s+)?node((?:\s+--?[\w-]+(?:=\S+)?)*)\s+dist\/main\.js\s*$/.exec(script)
    : null;
  if (!match) {
    return { flags: PRODUCTION_NODE_FLAGS, from: 'scripts/lib/production.ts' };
  }
  return {
    flags: (match[1] ?? '').trim().split(/\s+/).filter(Boolean),
    from: 'npm run start:prod',
  };
}

/**
 * The built gateway as production starts it (the flags of `npm run start:prod`, unless `flags`
 * names others), in its own process, against a Stytch at `stytchUrl`, with rate limits off so
 * that every request is processed: for the scripts that measure one request's cost or the memory
 * it leaves behind. `logFile` as for startService.
 */
export function startProductionGateway(
  stytchUrl: string,
  env: Record<string, string> = {},
  options: { flags?: string[]; logFile?: string } = {},
) {
  return startService(
    'dist/main.js',
    {
      STYTCH_PROJECT_ID: 'project-test-bench',
      STYTCH_SECRET: 'secret-test-bench',
      STYTCH_API_URL: stytchUrl,
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_TOKEN: '0',
      LOG_LEVEL: 'warn',
      PORT: '0',
      ...env,
    },
    /GraphQL gateway ready: (\S+)/,
    options.flags ?? productionNodeFlags().flags,
    options.logFile,
  );
}

/** Builds dist/ as `npm run build` does, for a script (named in the line it prints) that starts it. */
export function buildGateway(script: string): void {
  process.stdout.write(`${script}: building the gateway (tsc -p tsconfig.build.json)\n`);
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
