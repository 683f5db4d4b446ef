import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Service {
  child: ChildProcess;
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts an entry point (TypeScript through tsx, or built JavaScript) as its own process, so that its CPU time and memory
 * can be read apart from the load generator's, and waits until it prints `ready`.
 */
export async function startService(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  extraNodeArgs: string[] = [],
  /**
   * Write the process's output to this file instead of a pipe. A service that logs every request
   * (the gateway at LOG_LEVEL=info) would otherwise block on a pipe its busy reader, the load
   * generator in this process, drains late.
   */
  logFile?: string,
): Promise<Service & { match: RegExpExecArray }> {
  // Built JavaScript runs on plain node: tsx's loader would add its own memory to the reading.
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const fd = logFile ? openSync(logFile, 'w') : null;
  const child = spawn(process.execPath, [...extraNodeArgs, ...loader, entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
  });
  if (fd !== null) {
    closeSync(fd);
  }
  let text = '';
  const keep = (chunk: Buffer) => {
    // Keep the head (banners, ready lines) and drop the rest: a request log would grow forever.
    if (text.length < 200_000) {
      text += String(chunk);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => (logFile ? readHead(logFile) : text);
  const deadline = Date.now() + 30_000;
  let match = ready.exec(output());
  while (!match) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not become ready:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
    match = ready.exec(output());
  }
  return {
    child,
    pid: child.pid as number,
    match,
    output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
  };
}

/** The first 200 KB of a file. */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(200_000);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** user + system CPU time of a process so far, in microseconds (from /proc). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / 100) * 1e6;
}

/** Resident set size of a process, in bytes (from /proc). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
