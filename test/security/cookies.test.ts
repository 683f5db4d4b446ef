import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { CSRF_HEADER } from '../../src/http/gateway.js';
import { type EmulatorStack, startEmulatorStack } from '../helpers/emulator-stack.js';

const SIGN_IN = `mutation ($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) { session { id } }
}`;

/** The attributes of one Set-Cookie line, lower-cased, without the name=value pair. */
function attributes(line: string): string[] {
  return line
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());
}

describe('COOKIE_SECURE defaults', () => {
  const project = { STYTCH_PROJECT_ID: 'project-live-abc', STYTCH_SECRET: 'secret-live-xyz' };

  it('on with a real Stytch project, in production or not; off only on the emulator', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...project }).cookieSecure).toBe(true);
    expect(loadConfig({ ...project }).cookieSecure).toBe(true);
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({ ...project, COOKIE_SECURE: 'off' }).cookieSecure).toBe(false);
  });
});

describe('session cookie flags with COOKIE_SECURE on (the default outside development)', () => {
  let stack: EmulatorStack;
  let userId: string;
  beforeAll(async () => {
    stack = await startEmulatorStack({ cookies: true, cookieSecure: true });
    userId = stack.emulator.admin.createUser({ email: 'flags@example.com' }).user_id;
  });
  afterAll(() => stack.stop());

  async function post(origin: string, body: object, cookie?: string) {
    return stack.gateway.yoga.fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CSRF_HEADER]: '1',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  // Whatever Host the request names: behind a reverse proxy it says 127.0.0.1 or localhost
  // while the browser speaks https, so Secure never depends on it.
  for (const origin of [
    'https://auth.example.com',
    'https://localhost.example.com',
    'http://127.0.0.1:4000',
    'http://localhost',
    'http://10.0.0.12:4000',
  ]) {
    it(`${origin}: set and cleared alike, HttpOnly, Secure, SameSite=Lax, Path=/`, async () => {
      const token = stack.emulator.admin.createMagicLink(userId, 60);
      const signIn = await post(origin, { query: SIGN_IN, variables: { token } });
      const set = signIn.headers.getSetCookie();
      expect(set).toHaveLength(2);
      const jar = set.map((line) => line.split(';')[0]).join('; ');
      const signOut = await post(origin, { query: 'mutation { signOut { revoked } }' }, jar);
      const cleared = signOut.headers.getSetCookie();
      expect(cleared).toHaveLength(2);
      // A browser refuses to let a cookie without Secure overwrite a Secure one: a clearing
      // cookie that lacked it would leave the session cookie in place.
      for (const line of [...set, ...cleared]) {
        const flags = attributes(line);
        expect(flags, line).toContain('httponly');
        expect(flags, line).toContain('secure');
        expect(flags, line).toContain('samesite=lax');
        expect(flags, line).toContain('path=/');
        expect(
          flags.some((f) => f.startsWith('domain=')),
          line,
        ).toBe(false);
      }
    });
  }
});
