import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullUser, sessionlessMagicLinkAuth } from '../fixtures/stytch.js';
import { FakeStytch, stytchSuccess } from '../helpers/fake-stytch.js';
import { PROJECT_ID, SECRET } from '../helpers/gateway.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The real entry point (`npm start`'s command) as a child process, stopped with SIGTERM. */
async function startMain(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  for (let i = 0; i < 200 && !/GraphQL gateway ready: (\S+)/.test(output); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /GraphQL gateway ready: (\S+)/.exec(output)?.[1];
  if (!url) {
    throw new Error(`the gateway did not start:\n${output}`);
  }
  return { child, url, base: url.replace(/\/graphql$/, ''), output: () => output };
}

describe('graceful shutdown', () => {
  let stand: FakeStytch;
  beforeAll(async () => {
    stand = await new FakeStytch().start();
    stand.on('POST', '/v1/magic_links/authenticate', {
      delayMs: 800,
      ...stytchSuccess(sessionlessMagicLinkAuth),
    });
  });
  afterAll(() => stand.stop());

  it('on SIGTERM: not ready, in-flight requests finish, new connections are refused, exit 0', async () => {
    const gw = await startMain({
      STYTCH_PROJECT_ID: PROJECT_ID,
      STYTCH_SECRET: SECRET,
      STYTCH_API_URL: stand.url,
      SHUTDOWN_DELAY_MS: '300',
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    expect((await request(`${gw.base}/readyz`)).statusCode).toBe(200);

    // A slow sign-in is in flight when the signal arrives.
    const inFlight = request(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { authenticateMagicLink(input: {token: "t"}) { userId } }',
      }),
    });
    await new Promise((r) => setTimeout(r, 150));
    const exited = once(gw.child, 'exit');
    gw.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));

    // During the delay the listener still answers, and says it is not ready.
    const ready = await request(`${gw.base}/readyz`);
    expect(ready.statusCode).toBe(503);
    expect(await ready.body.json()).toEqual({
      ready: false,
      reason: 'shutting down',
      stytchCredentials: 'accepted',
    });

    const res = await inFlight;
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({
      data: { authenticateMagicLink: { userId: fullUser.user_id } },
    });

    const [code] = await exited;
    expect(code).toBe(0);
    await expect(request(`${gw.base}/healthz`)).rejects.toThrow();
    expect(gw.output()).toMatch(/"msg":"stopped"/);
  });
});
