import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullUser, sessionlessMagicLinkAuth } from '../fixtures/stytch.js';
import { FakeStytch, stytchSuccess } from '../helpers/fake-stytch.js';
import { PROJECT_ID, SECRET } from '../helpers/gateway.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The real entry point (`npm start`'s command) as a child process. Resolves when it has printed
 * every line `ready` lists, whatever else it printed before or after (its logs are asynchronous).
 */
async function startMain(env: Record<string, string>, ready: RegExp[]) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = new Promise<RegExpExecArray[]>((resolve, reject) => {
    const check = () => {
      const matches = ready.map((pattern) => pattern.exec(output));
      if (matches.every(Boolean)) {
        resolve(matches as RegExpExecArray[]);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk) => {
        output += String(chunk);
        check();
      });
    }
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${output}`)));
  });
  const matches = await seen;
  return { child, matches, output: () => output };
}

/** Whether a TCP connection to the port is refused (the listener has closed). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('graceful shutdown', () => {
  let stand: FakeStytch;
  let release: () => void;
  beforeAll(async () => {
    stand = await new FakeStytch().start();
    // The sign-in stays in flight until the test releases it: no timer decides the order.
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    stand.on('POST', '/v1/magic_links/authenticate', {
      hold: held,
      ...stytchSuccess(sessionlessMagicLinkAuth),
    });
  });
  afterAll(() => stand.stop());

  it('on SIGTERM: not ready, in-flight requests finish, new connections are refused, exit 0', async () => {
    const gw = await startMain(
      {
        STYTCH_PROJECT_ID: PROJECT_ID,
        STYTCH_SECRET: SECRET,
        STYTCH_API_URL: stand.url,
        ADMIN_PORT: '0',
        SHUTDOWN_DELAY_MS: '0',
        SHUTDOWN_TIMEOUT_MS: '20000',
      },
      [/GraphQL gateway ready: (\S+)/, /Admin endpoints ready: (\S+)/],
    );
    const [graphql, adminLine] = gw.matches;
    const url = graphql?.[1] as string;
    const admin = adminLine?.[1] as string;
    const port = Number(new URL(url).port);
    expect((await request(`${admin}/readyz`)).statusCode).toBe(200);

    // A sign-in is in flight (Stytch has it) when the signal arrives.
    const inFlight = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { authenticateMagicLink(input: {token: "t"}) { userId } }',
      }),
    });
    await stand.arrival('POST', '/v1/magic_links/authenticate');
    const exited = once(gw.child, 'exit');
    gw.child.kill('SIGTERM');

    // The admin listener stays up until the public one has drained: it says "not ready".
    let ready = await request(`${admin}/readyz`);
    while (ready.statusCode === 200) {
      await ready.body.dump();
      ready = await request(`${admin}/readyz`);
    }
    expect(ready.statusCode).toBe(503);
    expect(await ready.body.json()).toEqual({
      ready: false,
      reason: 'shutting down',
      stytchCredentials: 'accepted',
    });
    // New connections to the public port are refused while the in-flight request is held.
    while (!(await refused(port))) {
      await new Promise((resolve) => setImmediate(resolve));
    }

    release();
    const res = await inFlight;
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({
      data: { authenticateMagicLink: { userId: fullUser.user_id } },
    });

    const [code] = await exited;
    expect(code).toBe(0);
    expect(await refused(Number(new URL(admin).port))).toBe(true);
    expect(gw.output()).toMatch(/"msg":"stopped"/);
  });
});
