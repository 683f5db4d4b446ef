import { type ChildProcess, spawn } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr interleaved as received. */
  output(): string;
  /** Settles once the process has ended. */
  exited: Promise<Exit>;
  /** The first match of `pattern` in the output, waiting for it; fails if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends the signal (unless the process has ended) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

/** Every process started and its process group, so a failed test leaves nothing running. */
const started = new Set<ChildProcess>();

/**
 * SIGKILL to the process group of every process still running: a program that starts another
 * (npm, a shell) and ends without stopping it leaves no orphan behind a failed test.
 */
export function killAll(): void {
  for (const child of started) {
    const pid = child.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    }
  }
  started.clear();
}

/** The environment children get: enough to find programs, nothing else from this process. */
export function baseEnv(): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
  };
}

/** Starts a program as its own process; its output is kept for `waitFor` and for failure messages. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Proc {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, for killAll(); signals from stop() still go to this process alone.
    detached: true,
  });
  started.add(child);
  let text = '';
  const waiters = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    if (text.length < MAX_OUTPUT) {
      text += String(chunk);
    }
    for (const check of waiters) {
      check();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let ended: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = { code, signal };
      for (const check of waiters) {
        check();
      }
      resolve(ended);
    });
    child.once('error', (error) => {
      text += `\n[spawn error] ${error.message}\n`;
      ended = { code: null, signal: null };
      for (const check of waiters) {
        check();
      }
      resolve(ended);
    });
  });

  return {
    name,
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms. Output:\n${text}`));
        }, timeoutMs);
        const check = () => {
          const match = pattern.exec(text);
          if (match) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(match);
          } else if (ended) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(
              new Error(`${name} exited (${JSON.stringify(ended)}) before ${pattern}:\n${text}`),
            );
          }
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (ended) {
        return ended;
      }
      child.kill(signal);
      return exited;
    },
  };
}
