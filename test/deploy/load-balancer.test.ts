import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../helpers/redis.js';
import { stagedPackage } from './helpers/build.js';
import { type Outcome, steadyLoad, summary } from './helpers/load.js';
import { type Nginx, skipNginxTests, startNginx } from './helpers/nginx.js';
import { killAll } from './helpers/process.js';
import {
  API_KEY,
  type EmulatorProcess,
  type GatewayProcess,
  gql,
  metric,
  productionEnv,
  SANDBOX,
  startEmulatorProcess,
  startGatewayProcess,
  USER_QUERY,
} from './helpers/stack.js';

/**
 * Several instances behind a real load balancer, all real parts on loopback: nginx (Debian's
 * package) rendering deploy/nginx.conf, in front of three production instances (the built
 * dist/main.js, as `npm run start:prod` runs it, each with an ADMIN_PORT), sharing one Redis, with
 * the emulator as Stytch in its own process.
 *
 * Clients come from their own loopback addresses (127.0.0.10, …), so the address nginx passes in
 * X-Forwarded-For is not nginx's own (127.0.0.1, the one trusted proxy).
 */

const PER_IP = 9;
const PER_TOKEN = 4;
/**
 * nginx does not read /readyz, so the delay does not protect its requests (the drain does); it is
 * kept short, and long enough to see the instance report not ready.
 */
const SHUTDOWN_DELAY_MS = 1_000;
const INSTANCES = 3;

/** Figures for the report, printed once at the end. */
const figures: Record<string, unknown> = {};

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const attempt = (token: string) =>
  `mutation { authenticateMagicLink(input: {token: "${token}"}) { userId } }`;

describe.skipIf(skipNginxTests)('three instances behind nginx, one Redis', () => {
  let entry: string;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let emulator: EmulatorProcess;
  let nginx: Nginx;
  const instances: GatewayProcess[] = [];
  const clients: Pool[] = [];

  /** One instance; a restart passes the ports it had, since nginx's upstream lists them. */
  const startInstance = (n: number, ports?: { port: number; adminPort: number }) =>
    startGatewayProcess(`gateway-${n}`, process.execPath, [entry], {
      cwd: join(entry, '../..'),
      env: {
        ...productionEnv(emulator),
        PORT: String(ports?.port ?? 0),
        ADMIN_PORT: String(ports?.adminPort ?? 0),
        REDIS_URL: redis.url,
        TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMIT_PER_IP: String(PER_IP),
        RATE_LIMIT_PER_TOKEN: String(PER_TOKEN),
        SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
        SHUTDOWN_TIMEOUT_MS: '10000',
      },
    });

  /** A client on its own loopback address, through nginx. */
  const clientFrom = (address: string) => {
    const pool = new Pool(nginx.origin, { connections: 1, localAddress: address });
    clients.push(pool);
    return pool;
  };

  const sumOver = async (name: string, labels: Record<string, string>) => {
    const values = await Promise.all(instances.map((i) => metric(i.adminUrl, name, labels)));
    return { total: values.reduce((a, b) => a + b, 0), each: values };
  };

  beforeAll(async () => {
    let dir: string;
    [dir, redis, emulator] = await Promise.all([
      stagedPackage(),
      startRedis(),
      startEmulatorProcess(),
    ]);
    entry = join(dir, 'dist/main.js');
    instances.push(
      ...(await Promise.all(Array.from({ length: INSTANCES }, (_, n) => startInstance(n)))),
    );
    nginx = await startNginx(instances.map((i) => i.port));
  }, 180_000);

  afterAll(async () => {
    try {
      await Promise.all(clients.map((c) => c.close()));
      await nginx?.stop();
      await Promise.all(instances.map((i) => i.proc.stop('SIGKILL')));
      await emulator?.proc.stop();
      await redis?.stop();
    } finally {
      killAll();
    }
    process.stdout.write(`load-balancer figures: ${JSON.stringify(figures)}\n`);
  });

  it('answers through nginx from every instance; the admin paths are not public', async () => {
    for (let i = 0; i < INSTANCES * 2; i++) {
      const res = await gql(`${nginx.origin}/graphql`, USER_QUERY, { id: SANDBOX.userId });
      expect(res.body).toEqual({ data: { user: { id: SANDBOX.userId } } });
    }
    const served = await sumOver('gateway_operations_total', { operation: 'user' });
    expect(served.each.every((n) => n > 0)).toBe(true);
    for (const path of ['/readyz', '/healthz', '/metrics']) {
      expect((await request(`${nginx.origin}${path}`)).statusCode).toBe(404);
    }
    for (const instance of instances) {
      expect((await request(`${instance.adminUrl}/readyz`)).statusCode).toBe(200);
    }
  });

  it(`per-IP limit: ${PER_IP} attempts a minute per client through nginx in total, not per instance`, async () => {
    const before = await sumOver('stytch_upstream_calls_total', {
      endpoint: '/v1/magic_links/authenticate',
    });
    const served = await sumOver('gateway_operations_total', {
      operation: 'authenticateMagicLink',
    });
    const client = clientFrom('127.0.0.10');
    const codes: string[] = [];
    // Three instances' worth: without a shared count all of them would get through.
    for (let i = 0; i < PER_IP * INSTANCES; i++) {
      const res = await gql(
        `${nginx.origin}/graphql`,
        attempt(`ip-${i}`),
        {},
        { dispatcher: client },
      );
      codes.push(String(res.body.errors?.[0]?.extensions?.['code']));
    }
    const limited = codes.filter((c) => c === 'RATE_LIMITED').length;
    const through = codes.length - limited;
    const after = await sumOver('stytch_upstream_calls_total', {
      endpoint: '/v1/magic_links/authenticate',
    });
    const servedAfter = await sumOver('gateway_operations_total', {
      operation: 'authenticateMagicLink',
    });
    figures['perIp'] = { limit: PER_IP, sent: codes.length, through, limited };

    expect(through).toBe(PER_IP);
    expect(codes.slice(0, PER_IP).every((c) => c !== 'RATE_LIMITED')).toBe(true);
    // Only those reached Stytch, and every instance took its share of the attempts.
    expect(after.total - before.total).toBe(PER_IP);
    expect(servedAfter.each.every((n, i) => n > (served.each[i] ?? 0))).toBe(true);

    // The header a client writes itself does not buy it a new budget.
    const spoofed = await gql(
      `${nginx.origin}/graphql`,
      attempt('ip-spoofed'),
      {},
      { dispatcher: client, headers: { 'x-forwarded-for': '203.0.113.9' } },
    );
    expect(spoofed.body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    // Another client has its own: the limit is per client address, not per nginx.
    const other = await gql(
      `${nginx.origin}/graphql`,
      attempt('ip-other'),
      {},
      { dispatcher: clientFrom('127.0.0.11') },
    );
    expect(other.body.errors?.[0]?.extensions?.['code']).not.toBe('RATE_LIMITED');
  });

  it(`per-token limit: ${PER_TOKEN} attempts a minute per token in total, from any address, through any instance`, async () => {
    const codes: string[] = [];
    for (let i = 0; i < PER_TOKEN * INSTANCES; i++) {
      const res = await gql(
        `${nginx.origin}/graphql`,
        attempt('one-token-many-addresses'),
        {},
        { dispatcher: clientFrom(`127.0.0.${20 + i}`) },
      );
      codes.push(String(res.body.errors?.[0]?.extensions?.['code']));
    }
    const limited = codes.filter((c) => c === 'RATE_LIMITED').length;
    figures['perToken'] = {
      limit: PER_TOKEN,
      sent: codes.length,
      through: codes.length - limited,
      limited,
    };
    expect(codes.length - limited).toBe(PER_TOKEN);
    expect(codes.slice(PER_TOKEN).every((c) => c === 'RATE_LIMITED')).toBe(true);
  });

  /** At most `concurrency` requests at a time, and 100 a second per worker. */
  const userLoad = (concurrency: number) =>
    steadyLoad(nginx.origin, {
      concurrency,
      intervalMs: 10,
      body: JSON.stringify({ query: USER_QUERY, variables: { id: SANDBOX.userId } }),
      headers: { 'x-api-key': API_KEY },
      isOk: (body) => body.data?.['user']?.id === SANDBOX.userId && !body.errors,
    });

  const describeFailures = (outcomes: Outcome[]) =>
    JSON.stringify(
      outcomes
        .filter((o) => !o.ok)
        .slice(0, 10)
        .map((o) => ({ id: o.id, status: o.status, problem: o.problem })),
    );

  it('a rolling restart (SIGTERM, drain, start, ready; one at a time) loses no request under steady load', async () => {
    const load = userLoad(4);
    const started = performance.now();
    const steps: Array<Record<string, number>> = [];
    const since = (t: number) => Math.round(performance.now() - t);
    try {
      await load.settled(50);
      for (let n = 0; n < INSTANCES; n++) {
        const old = instances[n] as GatewayProcess;
        const step = performance.now();
        old.proc.child.kill('SIGTERM');
        // Out of rotation for probes at once; the process drains and ends by itself.
        await until(`gateway-${n} reports not ready`, async () => {
          return (await request(`${old.adminUrl}/readyz`)).statusCode === 503;
        });
        expect(await old.proc.exited).toEqual({ code: 0, signal: null });
        const drainedMs = since(step);
        const fresh = await startInstance(n, { port: old.port, adminPort: old.adminPort });
        instances[n] = fresh;
        await until(`gateway-${n} is ready`, async () => {
          return (await request(`${fresh.adminUrl}/readyz`)).statusCode === 200;
        });
        steps.push({ drainedMs, readyAgainMs: since(step) });
      }
      // nginx sends the new instances requests again once its fail_timeout is over.
      await until('nginx routes to every new instance', async () => {
        const served = await Promise.all(
          instances.map((i) =>
            metric(i.adminUrl, 'gateway_operations_total', { operation: 'user' }),
          ),
        );
        return served.every((n) => n > 0);
      });
      await load.settled(50);
    } finally {
      await load.stop();
    }
    const result = summary(load.outcomes);
    figures['rollingRestart'] = {
      ...result,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      steps,
    };
    expect(result.sent).toBeGreaterThan(200);
    const upstreamErrors = (await nginx.errorLog()).filter((line) => line.includes('upstream'));
    expect(result.failed, `${describeFailures(load.outcomes)}\n${upstreamErrors.join('\n')}`).toBe(
      0,
    );
  }, 120_000);

  it('SIGKILL on one instance fails only requests that were in flight on it', async () => {
    const load = userLoad(6);
    const victim = instances[1] as GatewayProcess;
    let killedAt = 0;
    let exitSeen = 0;
    try {
      await load.settled(100);
      killedAt = performance.now();
      victim.proc.child.kill('SIGKILL');
      await victim.proc.exited;
      exitSeen = performance.now();
      await load.settled(200);
    } finally {
      await load.stop();
    }
    const failed = load.outcomes.filter((o) => !o.ok);
    // In flight while the instance died: sent before its exit was seen, not done when killed.
    const window = load.outcomes.filter((o) => o.start < exitSeen && o.end > killedAt);
    const log = await nginx.accessLog();
    const victimAddress = `127.0.0.1:${victim.port}`;
    const firstTriedVictim = new Set(
      log
        .map((line) => line.split(' '))
        .filter(([, , upstreams]) => upstreams?.replace(/,$/, '') === victimAddress)
        .map(([id]) => id),
    );
    const onVictim = window.filter((o) => firstTriedVictim.has(`load-${o.id}`));
    figures['sigkill'] = {
      ...summary(load.outcomes),
      inFlightThroughNginx: window.length,
      inFlightOnKilledInstance: onVictim.length,
    };
    expect(failed.length, describeFailures(load.outcomes)).toBeLessThanOrEqual(onVictim.length);
    for (const o of failed) {
      expect(o.start).toBeLessThan(exitSeen);
      expect(o.end).toBeGreaterThan(killedAt);
      expect(firstTriedVictim.has(`load-${o.id}`)).toBe(true);
    }
    // Everything sent once the instance was gone was answered by the others.
    expect(load.outcomes.filter((o) => o.start > exitSeen).every((o) => o.ok)).toBe(true);
  }, 60_000);
});
