import { execute, GatewayError } from './gateway.js';
import type { ViewerQuery } from './gql/graphql.js';
import {
  AuthenticateImpersonationMutation,
  AuthenticateMagicLinkMutation,
  ResetPasswordMutation,
  SignOutMutation,
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

/** Shows the viewer, or the sign-in forms. Text only: nothing from the network becomes HTML. */
function render(viewer: Viewer | null) {
  document.body.dataset['state'] = viewer ? 'signed-in' : 'signed-out';
  signedIn.hidden = !viewer;
  signedOut.hidden = Boolean(viewer);
  if (!viewer) {
    status.textContent = 'Signed out.';
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
  element('viewer-expires').textContent = session.expiresAt
    ? new Date(session.expiresAt).toLocaleString()
    : '—';
  element('viewer-factors').textContent = session.authenticationFactors
    .map((f) => `${f.type} (${f.deliveryMethod})`)
    .join(', ');
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

/** Runs one action with its buttons disabled, then shows the result and the fresh viewer. */
async function act(action: () => Promise<string>) {
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
  }
}

/** Signs in with a token of a Stytch `stytch_token_type`; the gateway sets the cookies. */
async function signIn(type: string, token: string): Promise<string> {
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

function onSubmit(id: string, handler: (data: FormData) => Promise<string>) {
  const form = element<HTMLFormElement>(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    // Tokens and passwords do not stay in the page once sent.
    form.reset();
    void act(() => handler(data));
  });
}

onSubmit('magic-link-form', (data) => signIn('magic_links', String(data.get('token')).trim()));
onSubmit('impersonation-form', (data) => signIn('impersonation', String(data.get('token')).trim()));
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

// A magic link (or the Dashboard's impersonation) lands on the login redirect URL with
// ?stytch_token_type=…&token=…. The token works once: take it out of the address bar and the
// history before using it, so a reload or a shared URL never replays it.
const params = new URLSearchParams(location.search);
const token = params.get('token');
if (token) {
  history.replaceState(null, '', '/');
  void act(() => signIn(params.get('stytch_token_type') ?? 'magic_links', token));
} else {
  void refreshViewer();
}
