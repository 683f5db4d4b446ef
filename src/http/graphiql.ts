import { randomBytes } from 'node:crypto';
import { parse, print } from 'graphql';
import type { GraphiQLOptions } from 'graphql-yoga';

/** Development facts the walkthrough is written with (the embedded emulator's demo user). */
export interface GraphiQLDemo {
  userId: string;
  email: string;
  apiKey: string;
  /** Where the dev mailbox is served (every email and SMS the emulator "sent"). */
  mailboxPath: string;
}

/** The other user of the walkthrough: someone who signs up with a password. */
export const WALKTHROUGH_NEW_USER = { email: 'grace@example.com', firstName: 'Grace' };

/** Passwords the walkthrough sets; each passes Stytch's default policy (zxcvbn 3, not breached). */
export const WALKTHROUGH_PASSWORDS = {
  /** Ada's, set with resetPasswordWithSession right after her magic link sign-in. */
  afterSignIn: 'Tangerine-Viaduct-Quasar-19',
  /** Grace's, at sign-up. */
  signUp: 'Velvet-Harbour-Nimbus-2046',
  /** Ada's again, through the reset email. */
  byEmail: 'Obsidian-Marmalade-Kestrel-73',
} as const;

/**
 * Where a step's variables come from, when they are not printed with it: what a developer does
 * between two steps. These exact words are printed (and the banner test acts on them).
 */
export const WALKTHROUGH_INPUTS = {
  mailbox: "the newest message's, in the dev mailbox",
  impersonation: "press Impersonate in the dev mailbox, then copy the newest message's",
  otherDevice: '{ "sessionId": the sessionId that Devices lists with "current": false }',
} as const;

type Input =
  | { from: 'values'; values: Record<string, string> }
  /** `inbox`: the same instruction without a dev mailbox (a gateway on real Stytch). */
  | { from: 'mailbox'; placeholder: Record<string, string>; inbox: string }
  | { from: 'impersonation'; placeholder: Record<string, string> }
  | { from: 'otherDevice'; placeholder: Record<string, string> };

export interface WalkthroughStep {
  /** One operation, written compactly (the banner prints it as is; GraphiQL pretty-prints it). */
  document: string;
  input?: Input;
  headers?: Record<string, string>;
}

export interface WalkthroughFlow {
  /** A few words, for the banner and the tab's first comment line. */
  title: string;
  /** What the flow does, in pieces of text joined with spaces (each place wraps it to its width). */
  about: string[];
  steps: WalkthroughStep[];
}

/**
 * The sign-in walkthrough: one flow per GraphiQL tab, in the order the development banner prints
 * them. On a fresh `npm start` every step works when run in this order: values that only exist
 * later (a token in an email, a session id) are read where a user would find them, never minted
 * when the page loads, so a reloaded page shows nothing that has expired meanwhile.
 */
export function walkthrough(options: {
  cookies: boolean;
  demo: GraphiQLDemo | null;
}): WalkthroughFlow[] {
  const { cookies, demo } = options;
  const ada = demo?.email ?? 'ada@example.com';
  const grace = WALKTHROUGH_NEW_USER;
  const pw = WALKTHROUGH_PASSWORDS;
  // Token mode hands the session to the client: it has to keep the JWT and send it back.
  const jwt = cookies ? '' : 'sessionJwt ';
  const mail = demo ? 'the dev mailbox' : 'the email';
  const bearer = cookies
    ? []
    : [
        'Token mode: send the sessionJwt of the last sign-in',
        'as Authorization: Bearer <jwt> (under Headers).',
      ];

  return [
    {
      title: 'Viewer',
      about: [
        'Who is signed in: null until you sign in. A frontend',
        'asks on every page load.',
        ...(cookies
          ? ['The session is in httpOnly cookies GraphiQL sends.']
          : ['Token mode: send Authorization: Bearer <sessionJwt>.']),
      ],
      steps: [
        {
          document: `query Viewer {
  viewer {
    user { id name { firstName lastName } emails { email verified } }
    session { id expiresAt authenticationFactors { type deliveryMethod } }
  }
}`,
        },
      ],
    },
    {
      title: 'Magic link',
      about: [
        `${ada} asks for a sign-in link; it arrives in`,
        `${mail}. Run SendMagicLink, copy the message's`,
        'variables, run AuthenticateMagicLink. Each link works once.',
        ...(demo ? [] : ['Edit the addresses to ones you can read.']),
      ],
      steps: [
        {
          document: `mutation SendMagicLink {
  loginOrCreateWithMagicLink(input: { email: "${ada}" }) { requestId }
}`,
        },
        {
          document: `mutation AuthenticateMagicLink($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {
    userId ${jwt}user { name { firstName lastName } }
    session { id authenticationFactors { type deliveryMethod lastAuthenticatedAt } }
  }
}`,
          input: {
            from: 'mailbox',
            placeholder: { token: '' },
            inbox: '{ "token": the token= of the link in the email }',
          },
        },
      ],
    },
    {
      title: 'Password, right after signing in',
      about: [
        'Sets a password with the session alone. Stytch wants an',
        'email link, email code or password from the last 5',
        "minutes, and signs the user's other sessions out.",
        ...bearer,
      ],
      steps: [
        {
          document: `mutation ResetPasswordWithSession {
  resetPasswordWithSession(input: { password: "${pw.afterSignIn}" }) { userId session { id } }
}`,
        },
      ],
    },
    {
      title: 'Password sign-up, sign-out, sign-in',
      about: [
        `${grace.email} signs up with a password, signs out, and`,
        'signs back in with it. The session is a new one: the',
        `previous one (${ada}'s) stays open, like a device left`,
        'signed in.',
      ],
      steps: [
        {
          document: `mutation SignUp {
  createPassword(input: {
    email: "${grace.email}", password: "${pw.signUp}"
    name: { firstName: "${grace.firstName}" }, sessionDurationMinutes: 60
  }) { userId ${jwt}session { id authenticationFactors { type } } }
}`,
        },
        {
          // Named apart from the Sign out tab's: the whole walkthrough is one valid document.
          document: `mutation SignOutGrace { signOut { revoked sessionId } }`,
        },
        {
          document: `mutation SignIn {
  authenticatePassword(input: {
    email: "${grace.email}", password: "${pw.signUp}", sessionDurationMinutes: 60
  }) { userId ${jwt}session { id authenticationFactors { type } } }
}`,
        },
      ],
    },
    {
      title: 'One-time code by email',
      about: [
        `A 6-digit code to ${ada}. Run SendCode, copy the`,
        `message's variables from ${mail}, run EnterCode.`,
        'The code works once, for 2 minutes.',
      ],
      steps: [
        {
          document: `mutation SendCode {
  loginOrCreateWithEmailOtp(input: { email: "${ada}" }) { methodId }
}`,
        },
        {
          document: `mutation EnterCode($methodId: String!, $code: String!) {
  authenticateOtp(input: { methodId: $methodId, code: $code, sessionDurationMinutes: 60 }) {
    userId ${jwt}session { id authenticationFactors { type deliveryMethod } }
  }
}`,
          input: {
            from: 'mailbox',
            placeholder: { methodId: '', code: '' },
            inbox: '{ "methodId": SendCode\'s methodId, "code": the code in the email }',
          },
        },
      ],
    },
    {
      title: 'Devices',
      about: [
        `Every open session of the signed-in user: ${ada}'s`,
        'code session (this device) and her magic link session',
        'from before. Sign the other device out with its id.',
        ...bearer,
      ],
      steps: [
        {
          document: `query Devices {
  viewer {
    sessions {
      current
      session { sessionId startedAt attributes { ipAddress userAgent } authenticationFactors { type } }
    }
  }
}`,
        },
        {
          document: `mutation SignOutDevice($sessionId: String!) {
  revokeSession(input: { sessionId: $sessionId }) { sessionId current }
}`,
          input: { from: 'otherDevice', placeholder: { sessionId: '' } },
        },
      ],
    },
    {
      title: 'Forgotten password',
      about: [
        `A reset link to ${ada}. Run ForgotPassword, copy the`,
        `message's variables from ${mail}, run ResetPassword.`,
        'Stytch signs every session of the user out, and the',
        'reset signs this device back in.',
      ],
      steps: [
        {
          document: `mutation ForgotPassword {
  startPasswordResetByEmail(input: { email: "${ada}" }) { requestId }
}`,
        },
        {
          document: `mutation ResetPassword($token: String!) {
  resetPasswordByEmail(input: {
    token: $token, password: "${pw.byEmail}", sessionDurationMinutes: 60
  }) { userId ${jwt}session { id authenticationFactors { type } } }
}`,
          input: {
            from: 'mailbox',
            placeholder: { token: '' },
            inbox: '{ "token": the token= of the link in the email }',
          },
        },
      ],
    },
    {
      title: 'Sign out',
      about: [
        cookies
          ? 'Revokes the session at Stytch and clears the cookies.'
          : 'Revokes the session of the Authorization header.',
        'Safe to run twice.',
      ],
      steps: [{ document: `mutation SignOut { signOut { revoked sessionId } }` }],
    },
    {
      title: 'Impersonation',
      about: [
        'Support staff sign in as a user with a token from the',
        `Stytch Dashboard's "Impersonate user"${demo ? ': in development,' : '.'}`,
        ...(demo ? ["the dev mailbox's Impersonate button."] : []),
        'The session lasts 60 minutes and cannot be extended.',
      ],
      steps: [
        {
          document: `mutation Impersonate($impersonationToken: String!) {
  authenticateImpersonation(input: { impersonationToken: $impersonationToken }) {
    userId ${jwt}session { expiresAt authenticationFactors { type impersonatedFactor { impersonatorEmailAddress } } }
  }
}`,
          input: { from: 'impersonation', placeholder: { impersonationToken: '' } },
        },
      ],
    },
    {
      title: 'Server to server',
      about: [
        'createMagicLink mints a link token for any user, so it',
        'needs a gateway API key (x-api-key, under Headers). A',
        'browser app never holds one. Its token is not an email',
        'factor: it cannot unlock ResetPasswordWithSession.',
      ],
      steps: [
        {
          document: `mutation CreateMagicLink($userId: String!) {
  createMagicLink(input: { userId: $userId, expirationMinutes: 15 }) { userId token }
}`,
          input: { from: 'values', values: { userId: demo?.userId ?? '' } },
          headers: { 'x-api-key': demo?.apiKey ?? '<one of GATEWAY_API_KEYS>' },
        },
      ],
    },
  ];
}

/** What to do before running a step, as comment lines; none when it needs nothing. */
export function stepInstructions(step: WalkthroughStep, demo: GraphiQLDemo | null): string[] {
  const lines: string[] = [];
  const input = step.input;
  if (input?.from === 'values') {
    lines.push(`Variables: ${JSON.stringify(input.values)}`);
  } else if (input?.from === 'mailbox') {
    lines.push(`Variables: ${demo ? WALKTHROUGH_INPUTS.mailbox : input.inbox}`);
  } else if (input?.from === 'impersonation') {
    lines.push(
      `Variables: ${demo ? WALKTHROUGH_INPUTS.impersonation : '{ "impersonationToken": the Dashboard\'s token }'}`,
    );
  } else if (input?.from === 'otherDevice') {
    lines.push(`Variables: ${WALKTHROUGH_INPUTS.otherDevice}`);
  }
  if (step.headers) {
    lines.push(`Headers: ${JSON.stringify(step.headers)}`);
  }
  return lines;
}

/** Words in lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

/** Comment text in a tab: narrow enough for the editor beside the result pane. */
const TAB_WIDTH = 54;

interface Tab {
  query: string;
  variables?: string;
  headers?: string;
}

const json = (value: object) => JSON.stringify(value, null, 2);

const comment = (...lines: string[]) => lines.map((line) => `# ${line}`.trimEnd()).join('\n');

/**
 * One tab per flow. The first tab takes no variables: GraphiQL opens its first tab with an empty
 * variables editor, and only fills them in when a tab is switched to.
 */
function tabs(cookies: boolean, demo: GraphiQLDemo | null): Tab[] {
  const flows = walkthrough({ cookies, demo });
  return flows.map((flow, index) => {
    const header = comment(
      ...wrap(`${index + 1} of ${flows.length}. ${flow.title}. ${flow.about.join(' ')}`, TAB_WIDTH),
      ...(index === 0
        ? [
            '',
            ...wrap(
              `A tab per flow: run them left to right, on a fresh start.${
                demo ? ` Emails and texts land in the dev mailbox, ${demo.mailboxPath}.` : ''
              } Docs: the book icon, top left.`,
              TAB_WIDTH,
            ),
          ]
        : []),
    );
    const operations = flow.steps.map((step) => {
      const instructions = stepInstructions(step, demo);
      const printed = print(parse(step.document));
      return instructions.length > 0 ? `${comment(...instructions)}\n${printed}` : printed;
    });
    const variables = Object.assign(
      {},
      ...flow.steps.map((step) =>
        !step.input
          ? {}
          : step.input.from === 'values'
            ? step.input.values
            : step.input.placeholder,
      ),
    );
    const headers = Object.assign({}, ...flow.steps.map((step) => step.headers ?? {}));
    return {
      query: `${header}\n\n${operations.join('\n\n')}\n`,
      ...(Object.keys(variables).length > 0 ? { variables: json(variables) } : {}),
      ...(Object.keys(headers).length > 0 ? { headers: json(headers) } : {}),
    };
  });
}

/**
 * GraphiQL's options, plus a generation for its saved state: GraphiQL keeps its tabs in the
 * browser's localStorage and reopens them instead of `defaultTabs`. A page whose generation differs
 * from the one saved with them starts from `defaultTabs` again (see useGraphiQLPage).
 */
export type GatewayGraphiQLOptions = GraphiQLOptions & { storageGeneration?: string };

/**
 * yoga's GraphiQL options for this gateway: one tab per walkthrough flow. In development (`demo`)
 * the tabs hold values of this run (the demo user's id, the development API key): each start gets
 * its own storage generation, so the first page load after a restart opens fresh tabs, while a
 * reload within a run keeps the developer's edits. Those pages are built per load (never cached:
 * they carry the development key, and a cached page would carry the previous run's generation).
 */
export function graphiqlOptions(options: {
  cookies: boolean;
  csrfHeader: string;
  demo: GraphiQLDemo | null;
}): GatewayGraphiQLOptions | ((request: Request) => Promise<GatewayGraphiQLOptions>) {
  const { cookies, csrfHeader, demo } = options;
  const built: GatewayGraphiQLOptions = {
    title: 'Stytch GraphQL gateway',
    defaultTabs: tabs(cookies, demo),
    // A new tab ("+") starts from the query a frontend runs first.
    defaultQuery: '{\n  viewer {\n    user {\n      id\n    }\n  }\n}\n',
    // GraphiQL is served by the gateway itself, so same-origin sends the session cookies, and
    // never to anywhere else.
    credentials: 'same-origin',
    // Sent with every request, whatever the headers editor holds: in cookie mode a request with
    // neither this header nor a JSON body is refused as possible CSRF, and GraphiQL's GET
    // queries (useGETForQueries) have no body.
    ...(cookies ? { additionalHeaders: { [csrfHeader]: '1' } } : {}),
    defaultEditorToolsVisibility: 'variables',
    // Headers may hold a server API key: only the throwaway development key may be written to
    // the browser's storage.
    shouldPersistHeaders: demo !== null,
  };
  if (!demo) {
    return built;
  }
  const perRun = { ...built, storageGeneration: randomBytes(12).toString('base64url') };
  return async () => perRun;
}

/** The localStorage key that holds the generation GraphiQL's saved state belongs to. */
export const STORAGE_GENERATION_KEY = 'stytch-gateway:graphiql-generation';

/**
 * Adds to GraphiQL's page a script that runs before GraphiQL reads its saved state: when the
 * saved state belongs to another generation, it is dropped (the theme is kept), so GraphiQL
 * opens `defaultTabs`. A plain script in the page: GraphiQL's own `storage` option is an object
 * with methods, which the page's JSON options cannot carry.
 */
export function withStorageGeneration(html: string, generation: string): string {
  const script = `<script>(function () {
  try {
    var generation = ${JSON.stringify(generation)};
    if (localStorage.getItem(${JSON.stringify(STORAGE_GENERATION_KEY)}) === generation) return;
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var key = localStorage.key(i);
      if (key && key.indexOf('graphiql:') === 0 && key !== 'graphiql:theme') localStorage.removeItem(key);
    }
    localStorage.setItem(${JSON.stringify(STORAGE_GENERATION_KEY)}, generation);
  } catch (error) {
    // No storage (a locked-down browser): GraphiQL then keeps nothing either.
  }
})();</script>`;
  if (!html.includes('<head>')) {
    throw new Error('the GraphiQL page has no <head> to put the storage script in');
  }
  return html.replace('<head>', `<head>\n${script}`);
}
