import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type OperationDefinitionNode, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANNER_RULE, WALKTHROUGH_START } from '../../src/dev-mode.js';
import { WALKTHROUGH_INPUTS, WALKTHROUGH_PASSWORDS } from '../../src/http/graphiql.js';
import type { MailboxEntry } from '../../src/http/plugins/dev-mailbox.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/**
 * `npm start` with no configuration, as a child process: resolves once the banner and the ready
 * line are both out, whatever order the output arrives in.
 */
async function startMain() {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // Nothing from this machine's environment: development mode as a newcomer gets it. No log
    // lines either, so nothing but the plain lines is written between them.
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ banner: string; url: string }>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const url = /GraphQL gateway ready: (\S+)/.exec(output)?.[1];
      const start = output.indexOf(WALKTHROUGH_START);
      const end = start === -1 ? -1 : output.indexOf(BANNER_RULE, start);
      if (url && end !== -1) {
        resolve({ banner: output.slice(start, end), url });
      }
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return { child, ...(await ready), output: () => output };
}

/** A client in cookie mode, as the banner describes one: a cookie jar and the CSRF header. */
function cookieClient(graphqlUrl: string) {
  const jar = new Map<string, string>();
  return {
    jar,
    async run(query: string, operationName?: string, variables?: object, headers = {}) {
      const res = await fetch(graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-graphql-yoga-csrf': '1',
          cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
          ...headers,
        },
        body: JSON.stringify({ query, operationName, variables }),
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';');
        const [name = '', value = ''] = pair.trim().split('=');
        const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
        if (expired || value === '') {
          jar.delete(name);
        } else {
          jar.set(name, value);
        }
      }
      return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    },
  };
}

/** What the banner says to do before a step: its `# Variables:` and `# Headers:` lines. */
function instructions(text: string) {
  const find = (label: string) =>
    new RegExp(`^#\\s+${label}: (.+)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  return { variables: find('Variables'), headers: find('Headers') };
}

describe('the development banner', () => {
  let main: Awaited<ReturnType<typeof startMain>>;
  beforeAll(async () => {
    main = await startMain();
  }, 30_000);
  afterAll(async () => {
    if (main?.child.exitCode === null) {
      const exited = new Promise((done) => main.child.once('exit', done));
      main.child.kill('SIGTERM');
      await exited;
    }
  });

  it('prints steps that work as printed, in the order printed, on a fresh npm start', {
    timeout: 30_000,
  }, async () => {
    const origin = new URL(main.url).origin;
    const document = parse(main.banner);
    // One valid document: pasted whole into GraphiQL, every step is there to pick.
    expect(validate(schema, document)).toEqual([]);
    const client = cookieClient(main.url);
    const mailbox = async (): Promise<MailboxEntry[]> => {
      const res = await fetch(`${origin}/dev/mailbox`, { headers: { accept: 'application/json' } });
      return ((await res.json()) as { messages: MailboxEntry[] }).messages;
    };
    const ran: Array<{ name: string; data: Record<string, any> }> = [];
    let previousEnd = 0;
    for (const definition of document.definitions) {
      const operation = definition as OperationDefinitionNode;
      const name = operation.name?.value ?? '';
      const loc = operation.loc;
      if (!loc) {
        throw new Error('parse() keeps locations');
      }
      // The comment lines between the previous step and this one.
      const said = instructions(main.banner.slice(previousEnd, loc.start));
      previousEnd = loc.end;

      let variables: Record<string, unknown> | undefined;
      if (said.variables === WALKTHROUGH_INPUTS.mailbox) {
        variables = (await mailbox())[0]?.variables;
      } else if (said.variables === WALKTHROUGH_INPUTS.impersonation) {
        // What the mailbox page's Impersonate button posts, with its prefilled user id.
        const page = await (await fetch(`${origin}/dev/mailbox`)).text();
        const userId = /name="userId" value="([^"]+)"/.exec(page)?.[1] ?? '';
        const posted = await fetch(`${origin}/dev/mailbox/impersonation`, {
          method: 'POST',
          redirect: 'manual',
          headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ userId }).toString(),
        });
        expect(posted.status).toBe(303);
        variables = (await mailbox())[0]?.variables;
      } else if (said.variables === WALKTHROUGH_INPUTS.otherDevice) {
        const devices = ran.findLast((step) => step.name === 'Devices')?.data;
        const other = devices?.['viewer'].sessions.find((s: { current: boolean }) => !s.current);
        variables = { sessionId: other?.session.sessionId };
      } else if (said.variables !== null) {
        variables = JSON.parse(said.variables);
      }
      const headers = said.headers ? JSON.parse(said.headers) : {};

      const query = main.banner.slice(loc.start, loc.end);
      const result = await client.run(query, name, variables, headers);
      expect(result.errors, `${name}: ${JSON.stringify(result.errors)}`).toBeUndefined();
      ran.push({ name, data: result.data ?? {} });
    }

    // Every flow ran, and each did what it says.
    const step = (name: string, nth = 0) => ran.filter((s) => s.name === name)[nth]?.data ?? {};
    expect(ran.map((s) => s.name)).toEqual([
      'Viewer',
      'SendMagicLink',
      'AuthenticateMagicLink',
      'ResetPasswordWithSession',
      'SignUp',
      'SignOutGrace',
      'SignIn',
      'SendCode',
      'EnterCode',
      'Devices',
      'SignOutDevice',
      'ForgotPassword',
      'ResetPassword',
      'SignOut',
      'Impersonate',
      'CreateMagicLink',
    ]);
    expect(step('Viewer')).toEqual({ viewer: null });
    const ada = step('AuthenticateMagicLink')['authenticateMagicLink'];
    expect(ada.session.authenticationFactors[0]).toMatchObject({
      type: 'magic_link',
      deliveryMethod: 'email',
    });
    expect(step('SignIn')['authenticatePassword'].userId).toBe(
      step('SignUp')['createPassword'].userId,
    );
    expect(step('EnterCode')['authenticateOtp'].userId).toBe(ada.userId);
    // The other device is the magic link session, which Devices listed second.
    const devices = step('Devices')['viewer'].sessions;
    expect(devices.map((d: { current: boolean }) => d.current)).toEqual([true, false]);
    expect(step('SignOutDevice')['revokeSession']).toEqual({
      sessionId: ada.session.id,
      current: false,
    });
    expect(step('ResetPassword')['resetPasswordByEmail'].userId).toBe(ada.userId);
    expect(step('SignOut')['signOut'].revoked).toBe(true);
    expect(
      step('Impersonate')['authenticateImpersonation'].session.authenticationFactors[0],
    ).toMatchObject({ type: 'impersonated' });
    expect(step('CreateMagicLink')['createMagicLink'].token).toEqual(expect.any(String));

    // The password the reset by email set is now Ada's.
    const again = await cookieClient(main.url).run(
      `mutation { authenticatePassword(input: { email: "ada@example.com", password: "${WALKTHROUGH_PASSWORDS.byEmail}", sessionDurationMinutes: 5 }) { userId } }`,
    );
    expect(again.data?.['authenticatePassword'].userId).toBe(ada.userId);
  });
});
