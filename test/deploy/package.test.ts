import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, stagedPackage } from './helpers/build.js';
import { killAll } from './helpers/process.js';
import {
  type EmulatorProcess,
  type GatewayProcess,
  gql,
  productionEnv,
  SANDBOX,
  startEmulatorProcess,
  startGatewayProcess,
  USER_QUERY,
} from './helpers/stack.js';

/**
 * The production artifact: `npm pack`'s tarball, installed without dev dependencies, started as a
 * production instance under the Node running this test, with the emulator as Stytch. Installing
 * asks the npm registry for the dependencies, as an operator's install does.
 */

const run = promisify(execFile);
const INSTALL_TIMEOUT_MS = 240_000;

interface PackageJson {
  name: string;
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** npm and the programs it starts run on this test's Node, found first on PATH. */
function npmEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter),
  };
}

function npm(args: string[], cwd: string) {
  return run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd,
    env: npmEnv(),
    timeout: INSTALL_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

let work: string;
let tarball: string;
let emulator: EmulatorProcess;

beforeAll(async () => {
  const dir = await stagedPackage();
  work = mkdtempSync(join(tmpdir(), 'gateway-package-'));
  // The staged package is built already; prepack (`npm run build`) is for the repository itself.
  const { stdout } = await npm(
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    dir,
  );
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  tarball = join(work, (packed as { filename: string }).filename);
  emulator = await startEmulatorProcess();
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  try {
    await emulator?.proc.stop();
  } finally {
    killAll();
    if (work) {
      rmSync(work, { recursive: true, force: true });
    }
  }
});

/** A production instance from an installed copy; ADMIN_PORT and PORT picked by the system. */
function startInstalled(name: string, command: string, args: string[], cwd: string) {
  return startGatewayProcess(name, command, args, {
    cwd,
    env: {
      ...productionEnv(emulator),
      PATH: npmEnv()['PATH'] as string,
      PORT: '0',
      ADMIN_PORT: '0',
    },
  });
}

/** It answers, keeps its admin paths off the public port, and stops cleanly on SIGTERM. */
async function exercise(gateway: GatewayProcess) {
  const res = await gql(gateway.url, USER_QUERY, { id: SANDBOX.userId });
  expect(res.body).toEqual({ data: { user: { id: SANDBOX.userId } } });
  const ready = await request(`${gateway.adminUrl}/readyz`);
  expect(ready.statusCode).toBe(200);
  expect(await ready.body.json()).toMatchObject({ ready: true });
  expect((await request(gateway.url.replace(/graphql$/, 'readyz'))).statusCode).toBe(404);
  expect(await gateway.proc.stop('SIGTERM')).toEqual({ code: 0, signal: null });
}

describe('the npm package', () => {
  it('packs the compiled gateway, its bin and the SDL files; every module dist/ imports is a dependency', async () => {
    const extracted = join(work, 'extracted');
    await run('mkdir', ['-p', extracted]);
    await run('tar', ['-xzf', tarball, '-C', extracted]);
    const root = join(extracted, 'package');
    const files = filesUnder(root);
    expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual([
      'README.md',
      'package.json',
      'schema.graphql',
      'schema.subgraph.graphql',
    ]);
    expect(pkg.bin).toEqual({ 'stytch-graphql-gateway': 'dist/main.js' });
    expect(
      readFileSync(join(root, 'dist/main.js'), 'utf8').startsWith('#!/usr/bin/env node\n'),
    ).toBe(true);
    // What only tests, scripts and `npm start` use stays out of an operator's install.
    for (const dev of ['tsx', 'typescript', 'vitest', '@biomejs/biome', 'yaml']) {
      expect(pkg.dependencies[dev], dev).toBeUndefined();
    }
    // Every package the compiled code loads, eagerly or on demand, is installed in production.
    const imported = new Set<string>();
    const builtins = new Set(builtinModules);
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const match of source.matchAll(
        /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\(\s*)['"]([^'"./][^'"]*)['"]/g,
      )) {
        const specifier = match[1] as string;
        if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
          imported.add(packageOf(specifier));
        }
      }
    }
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
    expect(imported.size).toBeGreaterThan(10);
  });

  it(
    'installed with `npm install --omit=dev <tarball>` in an empty folder, the bin starts a production gateway',
    async () => {
      const dir = join(work, 'npm-install');
      await run('mkdir', ['-p', dir]);
      await npm(['install', '--omit=dev', tarball], dir);
      const modules = join(dir, 'node_modules');
      for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild', '@biomejs']) {
        expect(existsSync(join(modules, dev)), dev).toBe(false);
      }
      // The bin, through its shebang, on the Node found first on PATH: this test's.
      const gateway = await startInstalled(
        'installed-bin',
        join(modules, '.bin/stytch-graphql-gateway'),
        [],
        dir,
      );
      await exercise(gateway);

      // The SDL files resolve through `exports`, for import and for require; other files do not.
      const script = `
      import { createRequire } from 'node:module';
      import { readFileSync, writeFileSync } from 'node:fs';
      const require = createRequire(import.meta.url);
      const out = {};
      for (const name of ['schema.graphql', 'schema.subgraph.graphql']) {
        const viaImport = new URL(import.meta.resolve('stytch-graphql-gateway/' + name)).pathname;
        const viaRequire = require.resolve('stytch-graphql-gateway/' + name);
        out[name] = { same: viaImport === viaRequire, text: readFileSync(viaImport, 'utf8') };
      }
      try {
        import.meta.resolve('stytch-graphql-gateway/dist/main.js');
        out.unexported = 'resolved';
      } catch (error) {
        out.unexported = error.code;
      }
      out.library = Object.keys(await import('stytch-graphql-gateway')).includes('createGateway');
      writeFileSync(process.argv[1], JSON.stringify(out));
    `;
      const answer = join(work, 'exports.json');
      await run(process.execPath, ['--input-type=module', '-e', script, answer], {
        cwd: dir,
        env: npmEnv(),
        timeout: 30_000,
      });
      const out = JSON.parse(readFileSync(answer, 'utf8')) as Record<string, any>;
      for (const name of ['schema.graphql', 'schema.subgraph.graphql']) {
        expect(out[name].same, name).toBe(true);
        expect(out[name].text).toBe(readFileSync(join(ROOT, name), 'utf8'));
      }
      expect(out['unexported']).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
      expect(out['library']).toBe(true);
    },
    INSTALL_TIMEOUT_MS,
  );

  it(
    'installed as deploy/Dockerfile does (the tarball, package-lock.json, npm ci --omit=dev): every package supports this Node; start:prod starts and stops it',
    async () => {
      const dir = join(work, 'image');
      await run('mkdir', ['-p', dir]);
      await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
      copyFileSync(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
      // --engine-strict: a dependency whose `engines` leaves out this Node fails the install.
      await npm(['ci', '--omit=dev', '--engine-strict'], dir);
      // Through `npm run start:prod` (exec node dist/main.js): npm's SIGTERM must reach the
      // gateway's drain, and npm then ends with the gateway's exit code, 0.
      const gateway = await startInstalled('image-install', 'npm', ['run', 'start:prod'], dir);
      await exercise(gateway);
    },
    INSTALL_TIMEOUT_MS,
  );
});
