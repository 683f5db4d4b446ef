/**
 * The emulator CLI as a user runs it (tsx, a child process) against an emulator on loopback: its
 * stdout holds only the answer, which is what scripts capture with $(...).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { emulatorHttp } from './helpers.js';

const run = promisify(execFile);
/** Each child starts tsx; on a busy two-core machine several of them take seconds. */
const CHILD_TIMEOUT_MS = 60_000;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/emulator/cli.ts', ...args],
      { env: { ...process.env, EMULATOR_URL: emulator.url } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('cli.ts', () => {
  it(
    'last-message prints one field of the newest message; outbox prints them all',
    async () => {
      const http = emulatorHttp(emulator);
      await http.post('v1/otps/email/login_or_create', { email: 'cli@example.com' });
      await http.post('v1/otps/email/send', { email: 'cli@example.com' });
      // Read-only calls, so they run side by side: each child pays tsx's start-up.
      const [code, all, none, badKind, noArgs] = await Promise.all([
        cli('last-message', 'cli@example.com', '--kind', 'otp', '--field', 'code'),
        cli('outbox', '--to', 'cli@example.com'),
        cli('last-message', 'nobody@example.com'),
        cli('outbox', '--kind', 'fax'),
        cli('last-message'),
      ]);
      expect(code).toMatchObject({
        code: 0,
        stdout: `${emulator.admin.lastMessage('cli@example.com', 'otp')?.code}\n`,
      });
      expect(all.code).toBe(0);
      expect(
        all.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line)),
      ).toEqual(emulator.admin.outbox().filter((m) => m.to === 'cli@example.com'));
      expect(none).toMatchObject({ code: 1, stdout: '' });
      expect(none.stderr).toContain('nothing was sent to nobody@example.com');
      expect(badKind.code).toBe(1);
      expect(noArgs.code).toBe(2);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'impersonate prints a token that works once',
    async () => {
      const user = emulator.admin.createUser({ email: 'cli-imp@example.com' });
      const minted = await cli('impersonate', user.user_id);
      expect(minted.code).toBe(0);
      const token = minted.stdout.trim();
      const http = emulatorHttp(emulator);
      const reply = await http.post('v1/impersonation/authenticate', {
        impersonation_token: token,
      });
      expect(reply.body.user_id).toBe(user.user_id);
    },
    CHILD_TIMEOUT_MS,
  );
});
