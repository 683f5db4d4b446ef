import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configProblems } from '../helpers/config.js';

/**
 * The embedded emulator is development only and never a fallback: production with Stytch missing
 * or misspelled must not start at all, and an operator's API key never appears anywhere.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const OPERATOR_KEY = 'gk_live_operator_key_never_printed_0123456789';
const project = { STYTCH_PROJECT_ID: 'project-live-abc', STYTCH_SECRET: 'secret-live-xyz' };

describe('when the emulator runs', () => {
  it('never in production: missing, empty, blank or misspelled Stytch settings are errors', () => {
    const production = { NODE_ENV: 'production', GATEWAY_API_KEYS: OPERATOR_KEY };
    expect(configProblems(production)).toEqual([
      'STYTCH_PROJECT_ID and STYTCH_SECRET are required with NODE_ENV=production (the embedded emulator is for development only)',
    ]);
    expect(configProblems({ ...production, STYTCH_PROJECT_ID: '', STYTCH_SECRET: '' })).toEqual([
      'STYTCH_PROJECT_ID is set but empty: give it a value or unset it',
      'STYTCH_SECRET is set but empty: give it a value or unset it',
      'STYTCH_PROJECT_ID and STYTCH_SECRET are required with NODE_ENV=production (the embedded emulator is for development only)',
    ]);
    expect(
      configProblems({ ...production, STYTCH_PROJECT_ID: '   ', STYTCH_SECRET: 'x' }),
    ).toContain('STYTCH_PROJECT_ID is set but empty: give it a value or unset it');
    expect(
      configProblems({ ...production, STYTCH_PROJECTID: 'project-live-abc', STYTCH_SECRET: 'x' }),
    ).toEqual([
      'STYTCH_PROJECTID is not a setting of this gateway (did you mean STYTCH_PROJECT_ID?)',
      'STYTCH_PROJECT_ID is required when STYTCH_SECRET is set',
    ]);
    expect(configProblems({ ...production, STYTCH_EMULATOR: 'on' })).toContain(
      'STYTCH_EMULATOR=on is refused with NODE_ENV=production',
    );
  });

  it('outside production only when nothing about Stytch is set, or when asked for', () => {
    expect(loadConfig({}).stytch).toBeNull();
    expect(loadConfig({ GATEWAY_API_KEYS: OPERATOR_KEY }).stytch).toBeNull();
    expect(loadConfig({ STYTCH_EMULATOR: 'on' }).stytch).toBeNull();
    // Something about Stytch was configured: development mode was not meant.
    expect(configProblems({ STYTCH_TIMEOUT_MS: '5000' })).toEqual([
      'STYTCH_PROJECT_ID and STYTCH_SECRET are required once any STYTCH_* variable is set (for development on the embedded emulator, set STYTCH_EMULATOR=on or unset them all)',
    ]);
    expect(configProblems({ STYTCH_EMULATOR: 'off' })).toHaveLength(1);
    expect(configProblems({ STYTCH_EMULATOR: 'on', ...project })).toEqual([
      'STYTCH_EMULATOR=on cannot be combined with STYTCH_PROJECT_ID',
      'STYTCH_EMULATOR=on cannot be combined with STYTCH_SECRET',
    ]);
    expect(loadConfig({ NODE_ENV: 'production', ...project }).stytch?.projectId).toBe(
      'project-live-abc',
    );
  });

  it('an unknown STYTCH_* or GATEWAY_* name is an error, listed with the others', () => {
    expect(
      configProblems({ ...project, GATEWAY_API_KEY: OPERATOR_KEY, STYTCH_SECRETS: 'x', PORT: 'x' }),
    ).toEqual([
      'GATEWAY_API_KEY is not a setting of this gateway',
      'STYTCH_SECRETS is not a setting of this gateway',
      'PORT must be a whole number from 0 to 65535 (got "x")',
    ]);
  });

  it('reports LOG_LEVEL, HOST and URLs with everything else, without a secret', () => {
    const found = configProblems({
      STYTCH_PROJECT_ID: 'project-test-abc',
      STYTCH_SECRET: 'secret-test-hidden',
      STYTCH_API_URL: 'not-a-url',
      LOG_LEVEL: 'loud',
      HOST: 'nonsense.invalid',
      REDIS_URL: 'localhost:6379',
    });
    expect(found).toEqual([
      'STYTCH_API_URL is not a URL (got "not-a-url")',
      'REDIS_URL must start with redis:// or rediss://',
      'HOST must be an IP address (e.g. 0.0.0.0 or 127.0.0.1) or localhost (got "nonsense.invalid")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
    expect(found.join('\n')).not.toContain('hidden');
    // A bad URL is reported even while the secret is missing too.
    expect(configProblems({ STYTCH_PROJECT_ID: 'p', STYTCH_API_URL: 'not-a-url' })).toEqual([
      'STYTCH_API_URL is not a URL (got "not-a-url")',
      'STYTCH_SECRET is required when STYTCH_PROJECT_ID is set',
    ]);
  });
});

/** Runs `src/main.ts` until it exits, or until it prints `until` (then stops it). */
function runMain(env: Record<string, string>, until?: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // Only what the test gives: the machine's own STYTCH_* or NODE_ENV must not leak in.
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<{ code: number | null; output: string; url: string | null }>((resolve) => {
    let url: string | null = null;
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = until?.exec(output);
      if (match && url === null) {
        url = match[1] ?? '';
        resolve({ code: null, output, url });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ code, output, url }));
  }).then(async (result) => {
    if (result.code === null && result.url !== null) {
      const page = await fetch(result.url, { headers: { accept: 'text/html' } }).then((r) =>
        r.text(),
      );
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      return { ...result, output: output + page };
    }
    return result;
  });
}

describe('the process', () => {
  it('NODE_ENV=production with a misspelled project id exits non-zero and serves nothing', async () => {
    const result = await runMain(
      {
        NODE_ENV: 'production',
        STYTCH_PROJECTID: 'project-live-abc',
        STYTCH_SECRET: 'secret-live-xyz',
        GATEWAY_API_KEYS: OPERATOR_KEY,
      },
      /GraphQL gateway ready: (\S+)/,
    );
    expect(result.code).toBe(1);
    expect(result.url).toBeNull();
    expect(result.output).toContain('STYTCH_PROJECTID is not a setting of this gateway');
    expect(result.output).not.toMatch(/emulator|Dev API key/i);
    expect(result.output).not.toContain(OPERATOR_KEY);
  });

  it("development mode never prints or pages the operator's GATEWAY_API_KEYS value", async () => {
    const result = await runMain(
      { GATEWAY_API_KEYS: OPERATOR_KEY, LOG_LEVEL: 'debug' },
      /GraphQL gateway ready: (\S+)/,
    );
    expect(result.url).not.toBeNull();
    // Its own development key is printed instead, and GraphiQL's page was read into the output.
    expect(result.output).toMatch(/Dev API key: {8}dev_[\w-]{24}/);
    expect(result.output).toContain('Stytch GraphQL gateway');
    expect(result.output).not.toContain(OPERATOR_KEY);
  });
});
