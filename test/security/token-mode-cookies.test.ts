import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorStack, startEmulatorStack } from '../helpers/emulator-stack.js';

/**
 * In token mode (SESSION_COOKIES=off, the production default) nothing guards requests against
 * cross-site forgery, because nothing a browser attaches by itself is read: a leftover
 * `stytch_session` cookie is ignored, and a form's media type is refused before its body is read.
 */
const SIGN_IN = `mutation ($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) { sessionToken }
}`;

describe('token mode ignores session cookies', () => {
  let stack: EmulatorStack;
  let cookie: string;
  beforeAll(async () => {
    stack = await startEmulatorStack({ cookies: false });
    const token = await stack.emailMagicLink(
      stack.emulator.admin.createUser({ email: 'victim@example.com' }).emails[0]?.email ?? '',
    );
    const res = await stack.gql(SIGN_IN, { token });
    cookie = `stytch_session=${res.body.data?.['authenticateMagicLink'].sessionToken}`;
  });
  afterAll(() => stack.stop());

  it('a cookie alone is no credential: viewer is null and nothing reaches Stytch', async () => {
    stack.calls.length = 0;
    const res = await stack.gql('{ viewer { user { id } } }', {}, { cookie });
    expect(res.body).toEqual({ data: { viewer: null } });
    expect(stack.calls).toHaveLength(0);
  });

  it('a same-site form post cannot reset the password with the victim’s cookie', async () => {
    stack.calls.length = 0;
    const form = await stack.gateway.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({
        query:
          'mutation { resetPasswordWithSession(input: { password: "attacker-Chosen-9" }) { userId } }',
      }).toString(),
    });
    expect(form.status).toBe(415);
    expect(await form.text()).not.toContain('attacker-Chosen-9');
    // Even as JSON (which a cross-site form cannot send), the cookie is not the session.
    const json = await stack.gql(
      'mutation { resetPasswordWithSession(input: { password: "attacker-Chosen-9" }) { userId } }',
      {},
      { cookie },
    );
    expect(json.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(stack.calls).toHaveLength(0);
  });

  it('every simple media type a form can send is refused unread, whatever the mode', async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
    ]) {
      const res = await stack.gateway.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'query=%7B__typename%7D',
      });
      expect(res.status).toBe(415);
      const text = await res.text();
      expect(text).not.toContain('__typename');
      // The gateway's own refusal, not yoga's (which also answers 415 to some of these today).
      expect(JSON.parse(text).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});
