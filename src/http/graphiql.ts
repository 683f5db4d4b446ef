import type { GraphiQLOptions } from 'graphql-yoga';

/** Single-use sign-in tokens for the demo user. */
export interface DemoTokens {
  /** An email magic link token: it also satisfies resetPasswordWithSession's recent-factor rule. */
  magicLink: string;
  impersonation: string;
}

/** Development facts GraphiQL can fill its variables with. */
export interface GraphiQLDemo {
  userId: string;
  email: string;
  apiKey: string;
  /**
   * Mints fresh tokens for the demo user. Called on every GraphiQL page load: the tokens work once,
   * so any value fixed at start-up would be spent after the first sign-in.
   */
  mintTokens?: () => Promise<DemoTokens>;
}

interface Tab {
  query: string;
  variables?: string;
  headers?: string;
}

const json = (value: object) => JSON.stringify(value, null, 2);

/** Comment lines for the top of a tab, kept short enough for the editor beside the result. */
const comment = (...lines: string[]) => lines.map((line) => `# ${line}`.trimEnd()).join('\n');

/**
 * One tab per operation, in the order a frontend developer meets them. The first tab takes no
 * variables: GraphiQL opens its first tab with an empty variables editor, and only fills them in
 * when a tab is switched to.
 */
function tabs(cookies: boolean, demo: GraphiQLDemo | null, tokens: DemoTokens | null): Tab[] {
  const viewer: Tab = {
    query: `${comment(
      'Stytch GraphQL gateway: a tab per operation; run them',
      'left to right. Viewer is null until you sign in.',
      'Docs: the book icon, top left.',
      '',
      ...(cookies
        ? ['Viewer: who is signed in, from the session cookies.']
        : [
            'Viewer: who is signed in, from an Authorization:',
            'Bearer <sessionJwt> header (add it under Headers).',
          ]),
      'A frontend asks for it on every page load.',
    )}
query Viewer {
  viewer {
    user {
      id
      name {
        firstName
        lastName
      }
      emails {
        email
      }
    }
    session {
      id
      expiresAt
      authenticationFactors {
        type
        deliveryMethod
      }
    }
  }
}
`,
  };

  const authenticateMagicLink: Tab = {
    query: `${comment(
      'Signs in with a magic link token; each works once.',
      ...(tokens
        ? [
            `This one was minted for ${demo?.email} as the page`,
            'loaded. For another: the CreateMagicLink tab, or clear',
            'storage (settings, bottom left) and reload.',
          ]
        : ['Get one from a magic link email or CreateMagicLink.']),
      ...(cookies
        ? [
            'Cookie mode: the session goes into httpOnly cookies, so',
            'sessionToken and sessionJwt are null.',
          ]
        : ['Keep sessionJwt: the other tabs need it in an', 'Authorization: Bearer header.']),
    )}
mutation AuthenticateMagicLink($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {
    userId
    methodId
    sessionToken
    sessionJwt
    user {
      id
      name {
        firstName
        lastName
      }
      emails {
        email
        verified
      }
    }
    session {
      id
      expiresAt
      authenticationFactors {
        type
        deliveryMethod
        lastAuthenticatedAt
      }
    }
  }
}
`,
    variables: json({ token: tokens?.magicLink ?? '' }),
  };

  const recentFactor = [
    'Stytch wants an email magic link, email OTP or password',
    "factor from the last 5 minutes, and signs out the user's",
    'other sessions.',
  ];
  const reset: Tab = cookies
    ? {
        query: `${comment('Sets a new password with the signed-in session.', ...recentFactor)}
mutation ResetPasswordWithSession($password: String!) {
  resetPasswordWithSession(input: { password: $password }) {
    userId
    session {
      id
      expiresAt
    }
  }
}
`,
        variables: json({ password: 'a-new-password-2026' }),
      }
    : {
        query: `${comment(
          'Sets a new password with a session: its sessionToken,',
          'or an Authorization: Bearer header (under Headers).',
          ...recentFactor,
        )}
mutation ResetPasswordWithSession($password: String!, $sessionToken: String) {
  resetPasswordWithSession(input: { password: $password, sessionToken: $sessionToken }) {
    userId
    session {
      id
      expiresAt
    }
  }
}
`,
        variables: json({ password: 'a-new-password-2026', sessionToken: null }),
      };

  const signOut: Tab = {
    query: `${comment(
      ...(cookies
        ? ['Revokes the session at Stytch and clears the session', 'cookies.']
        : ['Revokes the session at Stytch (send it as an', 'Authorization: Bearer header).']),
      'Safe to run twice.',
    )}
mutation SignOut {
  signOut {
    revoked
    sessionId
  }
}
`,
  };

  const impersonation: Tab = {
    query: `${comment(
      'Signs in as a user with an impersonation token from the',
      'Stytch Dashboard ("Impersonate user").',
      ...(tokens ? ['It was minted for the demo user as the page loaded.'] : []),
      'The session lasts 60 minutes and cannot be extended.',
    )}
mutation AuthenticateImpersonation($impersonationToken: String!) {
  authenticateImpersonation(input: { impersonationToken: $impersonationToken }) {
    userId
    user {
      id
      emails {
        email
      }
    }
    session {
      id
      expiresAt
      authenticationFactors {
        type
        deliveryMethod
        impersonatedFactor {
          impersonatorId
          impersonatorEmailAddress
        }
      }
    }
  }
}
`,
    variables: json({ impersonationToken: tokens?.impersonation ?? '' }),
  };

  const createMagicLink: Tab = {
    query: `${comment(
      'Server to server: mints a magic link token for any',
      'user, so it needs a gateway API key (x-api-key, see',
      'Headers). Paste the token into AuthenticateMagicLink.',
      'A browser app never holds an API key.',
    )}
mutation CreateMagicLink($userId: String!) {
  createMagicLink(input: { userId: $userId, expirationMinutes: 15 }) {
    userId
    token
  }
}
`,
    variables: json({ userId: demo?.userId ?? '' }),
    headers: json({ 'x-api-key': demo?.apiKey ?? '<one of GATEWAY_API_KEYS>' }),
  };

  return [viewer, authenticateMagicLink, reset, signOut, impersonation, createMagicLink];
}

/**
 * yoga's GraphiQL options for this gateway: one tab per operation. In development (`demo`) the
 * options are built per page load, so the tabs hold freshly minted tokens.
 */
export function graphiqlOptions(options: {
  cookies: boolean;
  csrfHeader: string;
  demo: GraphiQLDemo | null;
}): GraphiQLOptions | ((request: Request) => Promise<GraphiQLOptions>) {
  const { cookies, csrfHeader, demo } = options;
  const build = (tokens: DemoTokens | null): GraphiQLOptions => ({
    title: 'Stytch GraphQL gateway',
    defaultTabs: tabs(cookies, demo, tokens),
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
  });
  const mintTokens = demo?.mintTokens;
  if (!mintTokens) {
    return build(null);
  }
  return async () => {
    try {
      return build(await mintTokens());
    } catch {
      // GraphiQL still opens, with empty token variables and CreateMagicLink to get one.
      return build(null);
    }
  };
}
