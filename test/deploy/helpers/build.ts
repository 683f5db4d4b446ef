import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts');
const BUILD_TIMEOUT_MS = 150_000;

/** Everything the built package is made of: a change to any of it means a new build. */
function inputs(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        files.push(path);
      }
    }
  };
  walk(join(ROOT, 'src'));
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md']) {
    files.push(join(ROOT, file));
  }
  return files.sort();
}

function contentHash(): string {
  const hash = createHash('sha256');
  for (const file of inputs()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The lock's owner has died (or never wrote its pid, long ago). A vanished lock is not stale. */
function lockIsStale(lock: string): boolean {
  try {
    const pidFile = join(lock, 'pid');
    if (!existsSync(pidFile)) {
      return Date.now() - statSync(lock).mtimeMs > 10_000;
    }
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * The package directory `npm pack` packs: package.json, README.md, every entry of `files`, with
 * dist/ compiled by tsc from src/ exactly as `npm run build` does.
 *
 * It is built once per content of src/ and package.json, in test-artifacts/ (the repository's
 * node_modules is above it, so its dist/main.js also runs in place, as `npm run start:prod` runs
 * it), never in the repository's own dist/, which test/composition/library.test.ts rebuilds while
 * other files run. Test files in parallel workers share one build through a lock directory.
 */
export async function stagedPackage(): Promise<string> {
  const dir = join(ARTIFACTS, `package-${contentHash()}`);
  const done = join(dir, '.built');
  const lock = `${dir}.lock`;
  mkdirSync(ARTIFACTS, { recursive: true });
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    if (existsSync(done)) {
      return dir;
    }
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    // Another worker is building; a lock left by a process that died is taken over.
    if (lockIsStale(lock)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for the package build in ${dir}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(ROOT, 'tsconfig.build.json'),
        '--outDir',
        join(dir, 'dist'),
      ],
      { cwd: ROOT, timeout: BUILD_TIMEOUT_MS },
    );
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    for (const entry of ['package.json', 'README.md', ...pkg.files]) {
      if (entry !== 'dist') {
        cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
      }
    }
    writeFileSync(done, new Date().toISOString());
    // Builds of earlier sources are of no further use.
    for (const entry of readdirSync(ARTIFACTS)) {
      if (/^package-[0-9a-f]{16}$/.test(entry) && join(ARTIFACTS, entry) !== dir) {
        rmSync(join(ARTIFACTS, entry), { recursive: true, force: true });
      }
    }
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
