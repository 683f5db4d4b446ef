import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECRET, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { type DevGateway, startDevGateway } from '../browser/dev-gateway.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const APP = 'http://127.0.0.1:5999/';

describe('the dev mailbox on a development gateway', () => {
  let gw: DevGateway;
  beforeAll(async () => {
    gw = await startDevGateway({ appUrl: async () => APP });
  });
  afterAll(() => gw?.close());

  const gql = async (query: string, variables?: object) => {
    const res = await fetch(`${gw.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  };
  const page = async (path = '/dev/mailbox') => {
    const res = await fetch(`${gw.origin}${path}`);
    return { res, html: await res.text() };
  };
  const impersonate = (body: string, headers: Record<string, string>) =>
    fetch(`${gw.origin}/dev/mailbox/impersonation`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });

  it('lists what the emulator sent, newest first, with links to the app and ready variables', async () => {
    expect((await page()).html).toContain('No messages yet.');
    expect(
      await gql(
        'mutation { loginOrCreateWithMagicLink(input: { email: "ivy@example.com" }) { requestId } }',
      ),
    ).not.toHaveProperty('errors');
    expect(
      await gql(
        'mutation { loginOrCreateWithEmailOtp(input: { email: "ivy@example.com" }) { methodId } }',
      ),
    ).not.toHaveProperty('errors');

    const [otp, link, ...rest] = await gw.mailbox();
    expect(rest).toEqual([]);
    const sentLink = gw.dev.emulator.admin.lastMessage('ivy@example.com', 'magic_link');
    const sentCode = gw.dev.emulator.admin.lastMessage('ivy@example.com', 'otp');
    expect(link).toEqual({
      kind: 'magic_link',
      type: 'signup',
      to: 'ivy@example.com',
      userId: sentLink?.userId,
      sentAt: sentLink?.sentAt,
      url: `${APP}?stytch_token_type=magic_links&token=${encodeURIComponent(sentLink?.token ?? '')}`,
      token: sentLink?.token,
      variables: { token: sentLink?.token },
    });
    expect(otp).toMatchObject({
      kind: 'otp',
      channel: 'email',
      code: sentCode?.code,
      variables: { methodId: sentCode?.methodId, code: sentCode?.code },
    });

    const { res, html } = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
    expect(html.indexOf(`<pre class="variables">{&quot;methodId&quot;`)).toBeLessThan(
      html.indexOf(`<pre class="variables">{&quot;token&quot;`),
    );
    expect(html).toContain(`href="${link?.url?.replaceAll('&', '&amp;')}"`);
    expect(html).toContain(`<dd><code>${sentCode?.code}</code></dd>`);

    // Filters, as links in the page offer them.
    expect(await gw.mailbox({ to: 'IVY@example.com', kind: 'otp' })).toEqual([otp]);
    expect(await gw.mailbox({ to: 'nobody@example.com' })).toEqual([]);
    expect((await page('/dev/mailbox?to=ivy%40example.com')).html).toContain(
      'Messages to <strong>ivy@example.com</strong> only.',
    );
  });

  it('shows values as text: an address with quotes and angle brackets stays inert', async () => {
    const { emulator } = gw.dev;
    // Straight to the emulator, whose address check is looser than the gateway's.
    const res = await fetch(`${emulator.url}v1/otps/email/login_or_create`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`,
      },
      body: JSON.stringify({ email: `o'b"><script>alert(1)</script>@example.com` }),
    });
    expect(res.status).toBe(200);
    const { html } = await page();
    expect(html).not.toContain('<script');
    expect(html).toContain(
      'data-to="o&#39;b&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.com"',
    );
    expect(html).toContain(
      '>o&#39;b&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.com</a></h2>',
    );
  });

  it('the Impersonate button makes a token from the mailbox page only, and it signs in', async () => {
    const { userId } = gw.dev;
    const form = new URLSearchParams({ userId }).toString();
    // Another site's form, or a client with no Origin at all: refused, nothing made.
    expect((await impersonate(form, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await impersonate(form, {})).status).toBe(403);
    expect(
      (
        await impersonate('userId=user-test-00000000-0000-4000-8000-000000000000', {
          origin: gw.origin,
        })
      ).status,
    ).toBe(400);
    expect((await impersonate(`userId=${'x'.repeat(2000)}`, { origin: gw.origin })).status).toBe(
      413,
    );
    expect((await gw.mailbox({ kind: 'impersonation' })).length).toBe(0);

    const made = await impersonate(form, { origin: gw.origin });
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe('/dev/mailbox');
    const [newest] = await gw.mailbox();
    expect(newest).toMatchObject({ kind: 'impersonation', to: userId, userId });
    expect(newest?.url).toBe(
      `${APP}?stytch_token_type=impersonation&token=${encodeURIComponent(newest?.token ?? '')}`,
    );
    const signedIn = await gql(
      'mutation ($t: String!) { authenticateImpersonation(input: { impersonationToken: $t }) { userId session { authenticationFactors { type impersonatedFactor { impersonatorEmailAddress } } } } }',
      { t: newest?.variables['impersonationToken'] },
    );
    expect(signedIn.data?.['authenticateImpersonation']).toEqual({
      userId,
      session: {
        authenticationFactors: [
          {
            type: 'impersonated',
            impersonatedFactor: { impersonatorEmailAddress: 'support@example.com' },
          },
        ],
      },
    });
    // A later message comes before it.
    await gql(
      'mutation { loginOrCreateWithEmailOtp(input: { email: "ivy@example.com" }) { methodId } }',
    );
    expect((await gw.mailbox()).map((m) => m.kind).slice(0, 2)).toEqual(['otp', 'impersonation']);
  });

  it('never shows the emulator secret or the development API key', async () => {
    const { html } = await page();
    const json = JSON.stringify(await gw.mailbox());
    for (const secret of [gw.dev.emulator.secret, gw.dev.apiKey]) {
      expect(html).not.toContain(secret);
      expect(json).not.toContain(secret);
    }
  });
});

/** Runs `npm start`'s command with `env` only, until it is ready; then asks it for `paths`. */
async function askMain(env: Record<string, string>, paths: Array<[string, RequestInit?]>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += String(chunk);
        const match = /GraphQL gateway ready: (\S+)/.exec(output);
        if (match?.[1]) {
          resolve(match[1]);
        }
      });
      child.stderr.on('data', (chunk) => {
        output += String(chunk);
      });
      child.once('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${output}`)));
    });
    const origin = new URL(url).origin;
    const answers: Array<{ status: number; body: string }> = [];
    for (const [path, init] of paths) {
      const res = await fetch(`${origin}${path}`, { redirect: 'manual', ...init });
      answers.push({ status: res.status, body: await res.text() });
    }
    return { answers, output };
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('the dev mailbox outside development mode', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // A Stytch for the configured gateways to talk to: the emulator, but not in development
    // mode, exactly as with a real Stytch project.
    emulator = await startEmulator();
  });
  afterAll(() => emulator?.close());

  const requests = (origin: string): Array<[string, RequestInit?]> => [
    ['/dev/mailbox'],
    ['/dev/mailbox', { headers: { accept: 'application/json' } }],
    [
      '/dev/mailbox/impersonation',
      {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: '{"userId":"x"}',
      },
    ],
  ];

  it('is not found on a gateway configured for Stytch, in production or not', {
    timeout: 60_000,
  }, async () => {
    const stytch = {
      STYTCH_PROJECT_ID: emulator.projectId,
      STYTCH_SECRET: emulator.secret,
      STYTCH_API_URL: emulator.url,
    };
    const [production, staging] = await Promise.all([
      askMain({ ...stytch, NODE_ENV: 'production' }, requests('http://127.0.0.1')),
      askMain({ ...stytch, GRAPHIQL: 'on' }, requests('http://127.0.0.1')),
    ]);
    for (const run of [production, staging]) {
      expect(run.output).not.toContain('DEVELOPMENT MODE');
      expect(run.answers.map((a) => a.status)).toEqual([404, 404, 404]);
    }
  });

  it('is there on `npm start` with no configuration', { timeout: 60_000 }, async () => {
    const run = await askMain({}, [['/dev/mailbox']]);
    expect(run.output).toContain('DEVELOPMENT MODE');
    expect(run.answers[0]?.status).toBe(200);
    expect(run.answers[0]?.body).toContain('<h1>Dev mailbox</h1>');
    const devKey = /Dev API key: +(dev_\S+)/.exec(run.output)?.[1];
    expect(devKey).toBeDefined();
    for (const secret of [DEFAULT_SECRET, devKey ?? 'dev_']) {
      expect(run.answers[0]?.body).not.toContain(secret);
    }
  });
});
