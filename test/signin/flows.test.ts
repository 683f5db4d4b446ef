import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorStack } from '../helpers/emulator-stack.js';
import { startEmulatorStack } from '../helpers/emulator-stack.js';
import { API_KEY } from '../helpers/gateway.js';
import { REDIRECT_ENV } from './helpers.js';

/**
 * Sign-in flows end to end: the real gateway on the embedded emulator, messages read from the
 * emulator's outbox as a user would read their inbox or phone. Token mode unless said otherwise.
 */
const FIRST_PASSWORD = 'Tangerine-Viaduct-Quasar-19';
const NEW_PASSWORD = 'Obsidian-Marmalade-Kestrel-73';
const THIRD_PASSWORD = 'Velvet-Harbour-Nimbus-2046';

const SESSION = 'userId sessionToken session { id authenticationFactors { type deliveryMethod } }';
const VIEWER = '{ viewer { session { id } user { id emails { email verified } } } }';

let stack: EmulatorStack;
beforeAll(async () => {
  stack = await startEmulatorStack({ env: REDIRECT_ENV });
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.calls.length = 0;
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const data = (res: { body: { data?: Record<string, any> | null } }, field: string) =>
  res.body.data?.[field];
const errorOf = (res: { body: { errors?: Array<{ extensions?: Record<string, any> }> } }) =>
  res.body.errors?.[0]?.extensions;
async function viewerOf(token: string) {
  return stack.gql(VIEWER, {}, bearer(token));
}

describe('passwords: sign-up, sign-in, reset by email, sign in with the new password', () => {
  const EMAIL = 'pat.password@example.com';

  it('works through, and every secret-bearing step behaves', async () => {
    const weak = await stack.gql(
      'query ($p: String!, $e: String) { passwordStrengthCheck(input: { password: $p, email: $e }) { validPassword score } }',
      { p: 'password1', e: EMAIL },
    );
    expect(data(weak, 'passwordStrengthCheck').validPassword).toBe(false);
    const strong = await stack.gql(
      'query ($p: String!) { passwordStrengthCheck(input: { password: $p }) { validPassword score feedback { warning } } }',
      { p: FIRST_PASSWORD },
    );
    expect(data(strong, 'passwordStrengthCheck')).toMatchObject({ validPassword: true });

    const signUp = await stack.gql(
      `mutation ($input: CreatePasswordInput!) { createPassword(input: $input) { ${SESSION} emailId user { name { firstName } emails { email } } } }`,
      {
        input: {
          email: EMAIL,
          password: FIRST_PASSWORD,
          name: { firstName: 'Pat' },
          sessionDurationMinutes: 60,
        },
      },
    );
    expect(signUp.body.errors).toBeUndefined();
    const created = data(signUp, 'createPassword');
    expect(created.user).toEqual({ name: { firstName: 'Pat' }, emails: [{ email: EMAIL }] });
    expect(created.session.authenticationFactors).toEqual([
      { type: 'password', deliveryMethod: 'knowledge' },
    ]);
    const duplicate = await stack.gql(
      'mutation ($e: String!, $p: String!) { createPassword(input: { email: $e, password: $p }) { userId } }',
      { e: EMAIL, p: THIRD_PASSWORD },
    );
    expect(errorOf(duplicate)).toMatchObject({ stytch: { errorType: 'duplicate_email' } });

    const SIGN_IN = `mutation ($e: String!, $p: String!) { authenticatePassword(input: { email: $e, password: $p, sessionDurationMinutes: 60 }) { ${SESSION} sessionJwt } }`;
    const signIn = await stack.gql(SIGN_IN, { e: EMAIL, p: FIRST_PASSWORD });
    expect(data(signIn, 'authenticatePassword').userId).toBe(created.userId);
    const otherDevice = data(signIn, 'authenticatePassword').sessionToken as string;
    const otherDeviceJwt = data(signIn, 'authenticatePassword').sessionJwt as string;
    expect(data(await viewerOf(otherDeviceJwt), 'viewer').user.id).toBe(created.userId);

    // A wrong password is the user's mistake: UNAUTHENTICATED, and the gateway stays ready.
    const wrong = await stack.gql(SIGN_IN, { e: EMAIL, p: 'Not-The-Password-31' });
    expect(errorOf(wrong)).toMatchObject({
      code: 'UNAUTHENTICATED',
      stytch: { errorType: 'unauthorized_credentials', statusCode: 401 },
    });
    expect((await stack.gateway.yoga.fetch('http://localhost/readyz')).status).toBe(200);

    // Forgot it: the reset email goes to the configured page.
    const start = await stack.gql(
      'mutation ($e: String!) { startPasswordResetByEmail(input: { email: $e }) { statusCode } }',
      { e: EMAIL },
    );
    expect(start.body).toEqual({ data: { startPasswordResetByEmail: { statusCode: 200 } } });
    const mail = stack.emulator.admin.lastMessage(EMAIL, 'password_reset');
    expect(mail?.url.startsWith('https://app.example.com/auth/reset?')).toBe(true);

    const reset = await stack.gql(
      `mutation ($t: String!, $p: String!) { resetPasswordByEmail(input: { token: $t, password: $p, sessionDurationMinutes: 60 }) { ${SESSION} } }`,
      { t: mail?.token, p: NEW_PASSWORD },
    );
    expect(reset.body.errors).toBeUndefined();
    const afterReset = data(reset, 'resetPasswordByEmail').sessionToken as string;
    // Stytch revoked every earlier session; the new one works.
    expect(errorOf(await viewerOf(otherDevice))?.['code']).toBe('UNAUTHENTICATED');
    // Its JWT, still within its 5 minutes, is refused locally too (the revocation list).
    expect(errorOf(await viewerOf(otherDeviceJwt))?.['code']).toBe('UNAUTHENTICATED');
    expect(data(await viewerOf(afterReset), 'viewer').user.id).toBe(created.userId);
    // The token worked once.
    const again = await stack.gql(
      'mutation ($t: String!, $p: String!) { resetPasswordByEmail(input: { token: $t, password: $p }) { userId } }',
      { t: mail?.token, p: THIRD_PASSWORD },
    );
    expect(errorOf(again)?.['code']).toBe('UNAUTHENTICATED');

    expect(errorOf(await stack.gql(SIGN_IN, { e: EMAIL, p: FIRST_PASSWORD }))?.['code']).toBe(
      'UNAUTHENTICATED',
    );
    const withNew = await stack.gql(SIGN_IN, { e: EMAIL, p: NEW_PASSWORD });
    expect(data(withNew, 'authenticatePassword').userId).toBe(created.userId);

    // And changed once more, knowing the current one.
    const CHANGE = `mutation ($e: String!, $old: String!, $new: String!) { resetPasswordWithExistingPassword(input: { email: $e, existingPassword: $old, newPassword: $new, sessionDurationMinutes: 60 }) { ${SESSION} } }`;
    const wrongOld = await stack.gql(CHANGE, {
      e: EMAIL,
      old: FIRST_PASSWORD,
      new: THIRD_PASSWORD,
    });
    expect(errorOf(wrongOld)?.['code']).toBe('UNAUTHENTICATED');
    const changed = await stack.gql(CHANGE, { e: EMAIL, old: NEW_PASSWORD, new: THIRD_PASSWORD });
    expect(changed.body.errors).toBeUndefined();
    expect(
      data(await stack.gql(SIGN_IN, { e: EMAIL, p: THIRD_PASSWORD }), 'authenticatePassword')
        .userId,
    ).toBe(created.userId);
    expect((await stack.gateway.yoga.fetch('http://localhost/readyz')).status).toBe(200);
  });
});

describe('one-time codes', () => {
  const AUTH = `mutation ($m: String!, $c: String!) { authenticateOtp(input: { methodId: $m, code: $c, sessionDurationMinutes: 60 }) { ${SESSION} methodId } }`;

  it('by email: login_or_create, the code from the inbox, a session with an email_otp factor', async () => {
    const EMAIL = 'olive.otp@example.com';
    const sent = await stack.gql(
      'mutation ($e: String!) { loginOrCreateWithEmailOtp(input: { email: $e, expirationMinutes: 5 }) { methodId } }',
      { e: EMAIL },
    );
    const methodId = data(sent, 'loginOrCreateWithEmailOtp').methodId as string;
    const message = stack.emulator.admin.lastMessage(EMAIL, 'otp');
    expect(message).toMatchObject({ channel: 'email', methodId });

    const wrongCode = message?.code === '000001' ? '000002' : '000001';
    expect(errorOf(await stack.gql(AUTH, { m: methodId, c: wrongCode }))).toMatchObject({
      stytch: { errorType: 'otp_code_not_found' },
    });
    const signedIn = await stack.gql(AUTH, { m: methodId, c: message?.code });
    expect(data(signedIn, 'authenticateOtp')).toMatchObject({
      methodId,
      session: { authenticationFactors: [{ type: 'email_otp', deliveryMethod: 'email' }] },
    });
    // Spent: the same code a second time is refused.
    const spent = await stack.gql(AUTH, { m: methodId, c: message?.code });
    expect(spent.body.data).toEqual({ authenticateOtp: null });
    expect(errorOf(spent)).toMatchObject({ stytch: { errorType: 'unable_to_auth_otp_code' } });
  });

  it('by SMS: a formatted number, the code from the phone, a session with an otp/sms factor', async () => {
    const sent = await stack.gql(
      'mutation ($p: String!) { loginOrCreateWithSmsOtp(input: { phoneNumber: $p }) { methodId } }',
      { p: '+1 (415) 555-0199' },
    );
    expect(sent.body.errors).toBeUndefined();
    const methodId = data(sent, 'loginOrCreateWithSmsOtp').methodId as string;
    const message = stack.emulator.admin.lastMessage('+14155550199', 'otp');
    expect(message).toMatchObject({ channel: 'sms', methodId });
    const signedIn = await stack.gql(AUTH, { m: methodId, c: message?.code });
    expect(data(signedIn, 'authenticateOtp').session.authenticationFactors).toEqual([
      { type: 'otp', deliveryMethod: 'sms' },
    ]);

    // sendSmsOtp is for existing users: the same number now works, an unknown one is NOT_FOUND.
    const again = await stack.gql(
      'mutation ($p: String!) { sendSmsOtp(input: { phoneNumber: $p }) { methodId attachedToViewer } }',
      { p: '+14155550199' },
    );
    expect(data(again, 'sendSmsOtp')).toEqual({ methodId, attachedToViewer: false });
    const unknown = await stack.gql(
      'mutation { sendSmsOtp(input: { phoneNumber: "+14155550100" }) { methodId } }',
    );
    expect(errorOf(unknown)).toMatchObject({
      code: 'NOT_FOUND',
      stytch: { errorType: 'phone_number_not_found' },
    });
  });
});

describe('magic links', () => {
  const AUTH = `mutation ($t: String!) { authenticateMagicLink(input: { token: $t, sessionDurationMinutes: 60 }) { ${SESSION} } }`;
  const LOGIN_OR_CREATE =
    'mutation ($e: String!) { loginOrCreateWithMagicLink(input: { email: $e }) { requestId statusCode } }';

  it('login_or_create: a signup link to the signup page, then a login link to the login page', async () => {
    const EMAIL = 'mia.magic@example.com';
    const first = await stack.gql(LOGIN_OR_CREATE, { e: EMAIL });
    expect(Object.keys(data(first, 'loginOrCreateWithMagicLink')).sort()).toEqual([
      'requestId',
      'statusCode',
    ]);
    const signup = stack.emulator.admin.lastMessage(EMAIL, 'magic_link');
    expect(signup?.type).toBe('signup');
    expect(signup?.url.startsWith('https://app.example.com/auth/signup?')).toBe(true);
    const signedUp = await stack.gql(AUTH, { t: signup?.token });
    expect(data(signedUp, 'authenticateMagicLink').session.authenticationFactors).toEqual([
      { type: 'magic_link', deliveryMethod: 'email' },
    ]);

    // The same answer for an existing user: nothing tells the caller which case it was.
    const second = await stack.gql(LOGIN_OR_CREATE, { e: EMAIL });
    expect(Object.keys(data(second, 'loginOrCreateWithMagicLink')).sort()).toEqual(
      Object.keys(data(first, 'loginOrCreateWithMagicLink')).sort(),
    );
    const login = stack.emulator.admin.lastMessage(EMAIL, 'magic_link');
    expect(login?.type).toBe('login');
    expect(login?.url.startsWith('https://app.example.com/auth/login?')).toBe(true);
    const signedIn = await stack.gql(AUTH, { t: login?.token });
    expect(data(signedIn, 'authenticateMagicLink').userId).toBe(
      data(signedUp, 'authenticateMagicLink').userId,
    );
  });

  it('sendMagicLink with a session adds a second address to the signed-in user', async () => {
    const EMAIL = 'ada.adds@example.com';
    await stack.gql(LOGIN_OR_CREATE, { e: EMAIL });
    const me = data(
      await stack.gql(AUTH, { t: stack.emulator.admin.lastMessage(EMAIL, 'magic_link')?.token }),
      'authenticateMagicLink',
    );
    const added = await stack.gql(
      'mutation { sendMagicLink(input: { email: "ada.second@example.com" }) { attachedToViewer } }',
      {},
      bearer(me.sessionToken),
    );
    expect(data(added, 'sendMagicLink')).toEqual({ attachedToViewer: true });
    const link = stack.emulator.admin.lastMessage('ada.second@example.com', 'magic_link');
    expect(link?.userId).toBe(me.userId);
    await stack.gql(AUTH, { t: link?.token });
    const viewer = data(await viewerOf(me.sessionToken), 'viewer');
    expect(viewer.user.emails).toEqual([
      { email: EMAIL, verified: true },
      { email: 'ada.second@example.com', verified: true },
    ]);
  });

  it('an invite makes a pending user who becomes active through the link; a revoked one fails', async () => {
    const INVITE =
      'mutation ($e: String!) { inviteByMagicLink(input: { email: $e, name: { firstName: "Ivy" } }) { userId user: userId } }';
    const invited = await stack.gql(
      INVITE,
      { e: 'ivy.invited@example.com' },
      { 'x-api-key': API_KEY },
    );
    const userId = data(invited, 'inviteByMagicLink').userId as string;
    const invite = stack.emulator.admin.lastMessage('ivy.invited@example.com', 'invite');
    expect(invite?.url.startsWith('https://app.example.com/auth/invite?')).toBe(true);
    const pending = await stack.gql(
      'query ($id: ID!) { user(id: $id) { status } }',
      { id: userId },
      { 'x-api-key': API_KEY },
    );
    expect(data(pending, 'user')).toEqual({ status: 'pending' });
    const accepted = await stack.gql(AUTH, { t: invite?.token });
    expect(data(accepted, 'authenticateMagicLink').userId).toBe(userId);
    const active = await stack.gql(
      'query ($id: ID!) { user(id: $id) { status name { firstName } } }',
      { id: userId },
      { 'x-api-key': API_KEY },
    );
    expect(data(active, 'user')).toEqual({ status: 'active', name: { firstName: 'Ivy' } });

    await stack.gql(INVITE, { e: 'rex.revoked@example.com' }, { 'x-api-key': API_KEY });
    const revokedLink = stack.emulator.admin.lastMessage('rex.revoked@example.com', 'invite');
    const revoked = await stack.gql(
      'mutation { revokeMagicLinkInvite(input: { email: "rex.revoked@example.com" }) { statusCode } }',
      {},
      { 'x-api-key': API_KEY },
    );
    expect(revoked.body).toEqual({ data: { revokeMagicLinkInvite: { statusCode: 200 } } });
    expect(errorOf(await stack.gql(AUTH, { t: revokedLink?.token }))?.['code']).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe("the viewer's sessions", () => {
  const EMAIL = 'dev.devices@example.com';
  const SIGN_IN = `mutation ($m: String!, $c: String!) { authenticateOtp(input: { methodId: $m, code: $c, sessionDurationMinutes: 600 }) { ${SESSION} } }`;

  /** Signs in with an emailed code from a browser with this user agent. */
  async function signInFrom(userAgent: string) {
    const sent = await stack.gql(
      'mutation ($e: String!) { loginOrCreateWithEmailOtp(input: { email: $e }) { methodId } }',
      { e: EMAIL },
      { 'user-agent': userAgent },
    );
    const methodId = data(sent, 'loginOrCreateWithEmailOtp').methodId;
    const code = stack.emulator.admin.lastMessage(EMAIL, 'otp')?.code;
    const res = await stack.gql(SIGN_IN, { m: methodId, c: code }, { 'user-agent': userAgent });
    return data(res, 'authenticateOtp') as { sessionToken: string; session: { id: string } };
  }

  it('lists every device, marks this one, and revokes another one', async () => {
    const laptop = await signInFrom('Laptop/1.0');
    stack.emulator.clock.advance(60_000);
    const phone = await signInFrom('Phone/2.0');
    const LIST =
      '{ viewer { sessions { current session { sessionId attributes { userAgent } authenticationFactors { type } } } } }';
    const listed = await stack.gql(LIST, {}, bearer(phone.sessionToken));
    expect(data(listed, 'viewer').sessions).toEqual([
      {
        current: true,
        session: {
          sessionId: phone.session.id,
          attributes: { userAgent: 'Phone/2.0' },
          authenticationFactors: [{ type: 'email_otp' }],
        },
      },
      {
        current: false,
        session: {
          sessionId: laptop.session.id,
          attributes: { userAgent: 'Laptop/1.0' },
          authenticationFactors: [{ type: 'email_otp' }],
        },
      },
    ]);

    // Someone else's session id is not the viewer's to revoke, and survives the attempt.
    const stranger = await stack.gql(
      'mutation ($e: String!, $p: String!) { createPassword(input: { email: $e, password: $p, sessionDurationMinutes: 60 }) { sessionToken session { id } } }',
      { e: 'stranger@example.com', p: FIRST_PASSWORD },
    );
    const strangerSession = data(stranger, 'createPassword');
    const REVOKE =
      'mutation ($id: String!) { revokeSession(input: { sessionId: $id }) { sessionId current } }';
    const refused = await stack.gql(
      REVOKE,
      { id: strangerSession.session.id },
      bearer(phone.sessionToken),
    );
    expect(errorOf(refused)).toEqual({ code: 'NOT_FOUND', field: 'sessionId' });
    expect(data(await viewerOf(strangerSession.sessionToken), 'viewer').session.id).toBe(
      strangerSession.session.id,
    );

    const revoked = await stack.gql(REVOKE, { id: laptop.session.id }, bearer(phone.sessionToken));
    expect(revoked.body).toEqual({
      data: { revokeSession: { sessionId: laptop.session.id, current: false } },
    });
    expect(errorOf(await viewerOf(laptop.sessionToken))?.['code']).toBe('UNAUTHENTICATED');
    const after = await stack.gql(LIST, {}, bearer(phone.sessionToken));
    expect(data(after, 'viewer').sessions.map((s: any) => s.session.sessionId)).toEqual([
      phone.session.id,
    ]);
  });
});

describe('cookie mode', () => {
  let cookies: EmulatorStack;
  beforeAll(async () => {
    cookies = await startEmulatorStack({ cookies: true });
  });
  afterAll(() => cookies.stop());

  it('sign-up sets httpOnly cookies, the cookie is the viewer, and revoking this session clears them', async () => {
    const signUp = await cookies.gql(
      'mutation ($e: String!, $p: String!) { createPassword(input: { email: $e, password: $p, sessionDurationMinutes: 60 }) { sessionToken sessionJwt session { id } } }',
      { e: 'cookie.user@example.com', p: FIRST_PASSWORD },
    );
    const payload = data(signUp, 'createPassword');
    expect(payload.sessionToken).toBeNull();
    expect(payload.sessionJwt).toBeNull();
    const jar = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(jar).toMatch(/stytch_session=.+; stytch_session_jwt=.+/);

    const listed = await cookies.gql(
      '{ viewer { sessions { current session { id } } } }',
      {},
      {
        cookie: jar,
      },
    );
    expect(data(listed, 'viewer').sessions).toEqual([
      { current: true, session: { id: payload.session.id } },
    ]);
    const revoked = await cookies.gql(
      'mutation ($id: String!) { revokeSession(input: { sessionId: $id }) { current } }',
      { id: payload.session.id },
      { cookie: jar },
    );
    expect(revoked.body).toEqual({ data: { revokeSession: { current: true } } });
    expect(revoked.headers.getSetCookie().every((c) => /Max-Age=0/.test(c))).toBe(true);
    // The browser drops both cookies; a copy of them is refused too: the token by Stytch, the
    // still-fresh JWT by the gateway's revocation list.
    const token = jar.split('; ').find((c) => c.startsWith('stytch_session='));
    const jwt = jar.split('; ').find((c) => c.startsWith('stytch_session_jwt='));
    for (const cookie of [`${token}`, `${jwt}`]) {
      const after = await cookies.gql('{ viewer { session { id } } }', {}, { cookie });
      expect(errorOf(after)?.['code']).toBe('UNAUTHENTICATED');
    }
  });

  it("a second user signing in on the same browser gets their own session, not the first one's", async () => {
    const SIGN_IN =
      'mutation ($e: String!, $p: String!) { authenticatePassword(input: { email: $e, password: $p, sessionDurationMinutes: 60 }) { userId session { id authenticationFactors { type } } } }';
    const CREATE =
      'mutation ($e: String!, $p: String!) { createPassword(input: { email: $e, password: $p, sessionDurationMinutes: 60 }) { userId session { id } } }';
    const first = await cookies.gql(CREATE, { e: 'first.user@example.com', p: FIRST_PASSWORD });
    const jar = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    await cookies.gql(CREATE, { e: 'second.user@example.com', p: NEW_PASSWORD });
    const second = await cookies.gql(
      SIGN_IN,
      { e: 'second.user@example.com', p: NEW_PASSWORD },
      { cookie: jar },
    );
    expect(second.body.errors).toBeUndefined();
    const payload = data(second, 'authenticatePassword');
    expect(payload.userId).not.toBe(data(first, 'createPassword').userId);
    expect(payload.session.id).not.toBe(data(first, 'createPassword').session.id);
    // The same user again extends the session the browser holds, adding the factor to it.
    const again = await cookies.gql(
      SIGN_IN,
      { e: 'first.user@example.com', p: FIRST_PASSWORD },
      { cookie: jar },
    );
    expect(data(again, 'authenticatePassword').session).toEqual({
      id: data(first, 'createPassword').session.id,
      authenticationFactors: [{ type: 'password' }],
    });
  });
});
