import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

/** Resolves true once Redis answers PING, false if the process exits first (port taken). */
async function answers(child: ChildProcess, url: string): Promise<boolean> {
  const exited = new Promise<false>((resolve) => {
    child.once('exit', () => resolve(false));
    child.once('error', () => resolve(false));
  });
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  try {
    for (;;) {
      const attempt = probe
        .connect()
        .then(() => probe.ping())
        .then(
          () => true as const,
          () => null,
        );
      const result = await Promise.race([attempt, exited]);
      if (result !== null) {
        return result;
      }
      probe.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    probe.disconnect();
  }
}

/**
 * A real Redis server for the test, on 127.0.0.1 and a free port, without persistence. The binary
 * comes from Debian's redis-server package, which .ci/run installs. A port found free can be taken
 * by someone else before Redis binds it: Redis then exits, and another port is tried.
 */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const url = `redis://127.0.0.1:${port}`;
    if (await answers(child, url)) {
      return {
        url,
        async stop() {
          if (child.exitCode === null) {
            child.kill('SIGTERM');
            await once(child);
          }
        },
      };
    }
  }
  throw new Error('redis-server did not start on any of 10 free ports');
}

function once(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export function redisAvailable(): boolean {
  try {
    return spawn('redis-server', ['--version']).pid !== undefined;
  } catch {
    return false;
  }
}
