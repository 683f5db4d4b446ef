import { execute, GatewayError } from './gateway.js';
import type { ViewerQuery } from './gql/graphql.js';
import {
  AuthenticateImpersonationMutation,
  AuthenticateMagicLinkMutation,
  EnterCodeMutation,
  ForgotPasswordMutation,
  ResetPasswordByEmailMutation,
  ResetPasswordMutation,
  RevokeSessionMutation,
  SendCodeMutation,
  SendMagicLinkMutation,
  SignInMutation,
  SignOutMutation,
  SignUpMutation,
  ViewerQuery as ViewerDocument,
} from './operations.js';

type Viewer = NonNullable<ViewerQuery['viewer']>;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`#${id} is missing from index.html`);
  }
  return found as T;
}

const status = element('status');
const message = element('message');
const signedOut = element('signed-out');
const signedIn = element('signed-in');
const devices = element('devices');
const newPassword = element('new-password');
const enterCodeForm = element<HTMLFormElement>('enter-code-form');

/**
 * Single-use values the page holds between two steps, in memory only: never in storage or the
 * address bar, so a reload or a shared URL never replays them.
 */
let pendingCode: { methodId: string; email: string } | null = null;
let resetToken: string | null = null;

function say(text: string, kind: 'info' | 'error' = 'info') {
  message.textContent = text;
  message.classList.toggle('error', kind === 'error');
}

function explain(error: unknown): string {
  if (error instanceof GatewayError) {
    return `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const when = (value: string | null | undefined) => (value ? new Date(value).toLocaleString() : '—');

/** Shows the viewer, or the sign-in forms. Text only: nothing from the network becomes HTML. */
function render(viewer: Viewer | null) {
  document.body.dataset['state'] = viewer ? 'signed-in' : 'signed-out';
  signedIn.hidden = !viewer;
  devices.hidden = !viewer;
  signedOut.hidden = Boolean(viewer);
  newPassword.hidden = resetToken === null;
  enterCodeForm.hidden = pendingCode === null;
  if (!viewer) {
    status.textContent = 'Signed out.';
    element('sessions').replaceChildren();
    return;
  }
  const { user, session } = viewer;
  const name = [user.name?.firstName, user.name?.lastName].filter(Boolean).join(' ');
  const email = user.emails[0]?.email ?? '';
  const impersonator = session.authenticationFactors.find((f) => f.impersonatedFactor)
    ?.impersonatedFactor?.impersonatorEmailAddress;
  status.textContent = impersonator
    ? `Signed in as ${name || email}, impersonated by ${impersonator}.`
    : `Signed in as ${name || email}.`;
  element('viewer-name').textContent = name || '—';
  element('viewer-email').textContent = email || '—';
  element<HTMLInputElement>('reset-username').value = email;
  element('viewer-user').textContent = user.id;
  element('viewer-session').textContent = session.id;
  element('viewer-expires').textContent = when(session.expiresAt);
  element('viewer-factors').textContent = session.authenticationFactors
    .map((f) => `${f.type} (${f.deliveryMethod})`)
    .join(', ');
  renderDevices(viewer.sessions);
}

/** One row per open session of the user, this device first, each with its own sign-out. */
function renderDevices(sessions: Viewer['sessions']) {
  const rows = sessions.map(({ current, session }) => {
    const row = document.createElement('li');
    row.dataset['sessionId'] = session.sessionId;
    row.dataset['current'] = String(current);
    const about = document.createElement('div');
    const device = document.createElement('div');
    device.className = 'device';
    device.textContent = current ? 'This device' : 'Another device';
    const details = document.createElement('div');
    details.className = 'details';
    details.textContent = [
      session.authenticationFactors.map((f) => f.type).join(', '),
      `since ${when(session.startedAt)}`,
      `last active ${when(session.lastAccessedAt)}`,
      session.attributes?.userAgent || 'unknown browser',
    ].join(' · ');
    about.append(device, details);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Sign out this device';
    button.addEventListener('click', () =>
      act(async () => {
        const { revokeSession } = await execute(RevokeSessionMutation, {
          sessionId: session.sessionId,
        });
        return revokeSession?.current ? 'Signed out.' : 'Signed out the other device.';
      }),
    );
    row.append(about, button);
    return row;
  });
  element('sessions').replaceChildren(...rows);
}

/**
 * Asks the gateway who is signed in. The page keeps no session state of its own: the cookies are
 * the session, so this runs on every load and whenever the tab comes back into view.
 */
async function refreshViewer() {
  try {
    render((await execute(ViewerDocument)).viewer);
  } catch (error) {
    // An expired or revoked session: signed out, whatever the cookies still say.
    render(null);
    if (error instanceof GatewayError && error.code === 'UNAUTHENTICATED') {
      say('Your session has ended. Sign in again.', 'error');
    } else {
      say(explain(error), 'error');
    }
  }
}

/**
 * Runs one action with the buttons disabled, then shows its result and the fresh viewer.
 * `data-busy` on the body says when the page has settled (tests wait on it).
 */
async function act(action: () => Promise<string>) {
  document.body.dataset['busy'] = 'true';
  const buttons = [...document.querySelectorAll('button')];
  for (const button of buttons) {
    button.disabled = true;
  }
  try {
    say(await action());
  } catch (error) {
    say(explain(error), 'error');
  } finally {
    await refreshViewer();
    for (const button of buttons) {
      button.disabled = false;
    }
    document.body.dataset['busy'] = 'false';
  }
}

/** Signs in with a token of a Stytch `stytch_token_type`; the gateway sets the cookies. */
async function signInWithToken(type: string, token: string): Promise<string> {
  if (type === 'magic_links') {
    await execute(AuthenticateMagicLinkMutation, { token });
    return 'Signed in with a magic link.';
  }
  if (type === 'impersonation') {
    await execute(AuthenticateImpersonationMutation, { token });
    return 'Signed in with an impersonation token.';
  }
  throw new Error(`This page cannot sign in with a "${type}" token.`);
}

function onSubmit(
  id: string,
  handler: (data: FormData, submitter: HTMLButtonElement | null) => Promise<string>,
) {
  const form = element<HTMLFormElement>(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = event.submitter instanceof HTMLButtonElement ? event.submitter : null;
    const data = new FormData(form);
    // Passwords and codes do not stay in the page once sent.
    for (const input of form.querySelectorAll<HTMLInputElement>(
      'input[type="password"], input[name="code"]',
    )) {
      input.value = '';
    }
    void act(() => handler(data, submitter));
  });
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

onSubmit('magic-link-form', async (data) => {
  const email = text(data, 'email');
  await execute(SendMagicLinkMutation, { email });
  return `Check ${email} for a sign-in link.`;
});

onSubmit('password-form', async (data, submitter) => {
  const email = text(data, 'email');
  const password = String(data.get('password') ?? '');
  const intent = submitter?.value ?? 'sign-in';
  if (intent === 'forgot') {
    try {
      await execute(ForgotPasswordMutation, { email });
    } catch (error) {
      // The same answer whether or not the address has an account: the page does not tell.
      if (!(error instanceof GatewayError && error.code === 'NOT_FOUND')) {
        throw error;
      }
    }
    return `If ${email} has an account, a link to reset the password is on its way.`;
  }
  if (intent === 'sign-up') {
    await execute(SignUpMutation, { email, password });
    return 'Account created. You are signed in.';
  }
  try {
    await execute(SignInMutation, { email, password });
  } catch (error) {
    if (error instanceof GatewayError && error.errorType === 'reset_password') {
      throw new Error('Stytch asks for a new password: use "Forgot password?".');
    }
    // A wrong password and an unknown address read the same, so the form tells nobody which
    // addresses have accounts.
    if (error instanceof GatewayError && ['UNAUTHENTICATED', 'NOT_FOUND'].includes(error.code)) {
      throw new Error('Wrong email or password.');
    }
    throw error;
  }
  return 'Signed in with a password.';
});

onSubmit('code-form', async (data) => {
  const email = text(data, 'email');
  const { loginOrCreateWithEmailOtp } = await execute(SendCodeMutation, { email });
  if (!loginOrCreateWithEmailOtp) {
    throw new Error('The gateway sent no method id.');
  }
  pendingCode = { methodId: loginOrCreateWithEmailOtp.methodId, email };
  return `A 6-digit code is on its way to ${email}. It works once, for 2 minutes.`;
});

onSubmit('enter-code-form', async (data) => {
  if (!pendingCode) {
    throw new Error('Ask for a code first.');
  }
  await execute(EnterCodeMutation, { methodId: pendingCode.methodId, code: text(data, 'code') });
  pendingCode = null;
  return 'Signed in with a code.';
});

onSubmit('new-password-form', async (data) => {
  if (!resetToken) {
    throw new Error('Open the link from the reset email again.');
  }
  const token = resetToken;
  // Spent whatever the answer: a refused token is not worth a second try.
  resetToken = null;
  await execute(ResetPasswordByEmailMutation, {
    token,
    password: String(data.get('password') ?? ''),
  });
  return 'Password changed. You are signed in, and every other session was signed out.';
});

onSubmit('reset-form', async (data) => {
  await execute(ResetPasswordMutation, { password: String(data.get('password')) });
  return "Password changed. Stytch signed out the user's other sessions.";
});

element('sign-out').addEventListener('click', () =>
  act(async () => {
    await execute(SignOutMutation);
    return 'Signed out.';
  }),
);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    void refreshViewer();
  }
});

// A link from an email (or the Dashboard's impersonation) lands here with
// ?stytch_token_type=…&token=…. The token works once: take it out of the address bar and the
// history before using it, so a reload or a shared URL never replays it.
const params = new URLSearchParams(location.search);
const token = params.get('token');
const tokenType = params.get('stytch_token_type') ?? 'magic_links';
if (token) {
  history.replaceState(null, '', '/');
}
if (token && tokenType === 'reset_password') {
  // A reset link asks for the new password first; the token waits in memory until then.
  resetToken = token;
  void act(async () => 'Choose a new password.');
} else if (token) {
  void act(() => signInWithToken(tokenType, token));
} else {
  void act(async () => '');
}
