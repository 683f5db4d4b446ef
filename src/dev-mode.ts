import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { Emulator } from './emulator/index.js';
import type { GraphiQLDemo } from './http/graphiql.js';

/** The demo user every `npm start` without configuration begins with. */
export const DEMO_USER = {
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
};

export interface DevStytch {
  emulator: Emulator;
  apiKey: string;
  userId: string;
}

/**
 * In development mode (see `loadConfig`) the gateway runs on the embedded emulator, with a seeded
 * demo user and a development API key, so `npm ci && npm start` works offline.
 */
export async function startDevStytch(): Promise<DevStytch> {
  const emulator = await (await import('./emulator/index.js')).startEmulator({
    host: '127.0.0.1',
    port: 0,
  });
  const user = emulator.admin.createUser(DEMO_USER);
  // Always a fresh key of its own, printed and put into GraphiQL: never one from GATEWAY_API_KEYS,
  // whose values must appear in no output, page or log, whatever the mode.
  const apiKey = `dev_${randomBytes(18).toString('base64url')}`;
  return { emulator, apiKey, userId: user.user_id };
}

/**
 * Sends the demo user an email magic link through the emulator's real API and reads it from the
 * outbox. An email link (unlike an embeddable one) counts for resetPasswordWithSession's
 * recent-factor rule, so the printed sign-in -> reset flow works as printed.
 */
export async function sendEmailMagicLink(emulator: Emulator, email: string): Promise<string> {
  const res = await request(`${emulator.url}v1/magic_links/email/send`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`,
    },
    body: JSON.stringify({ email }),
  });
  await res.body.dump();
  const sent = emulator.admin.lastMessage(email, 'magic_link');
  if (res.statusCode !== 200 || !sent) {
    throw new Error(`the emulator did not send a magic link (HTTP ${res.statusCode})`);
  }
  return sent.token;
}

/** The impersonator the emulator names on demo impersonation tokens (a Dashboard user in Stytch). */
const DEMO_IMPERSONATOR = { email: 'support@example.com' };

/**
 * GraphiQL's view of the demo user: each GraphiQL page load gets its own fresh email magic link
 * and impersonation token, so the explorer's tabs work as they open, reset included.
 */
export function graphiqlDemo(dev: DevStytch): GraphiQLDemo {
  return {
    userId: dev.userId,
    email: DEMO_USER.email,
    apiKey: dev.apiKey,
    mintTokens: async () => ({
      magicLink: await sendEmailMagicLink(dev.emulator, DEMO_USER.email),
      impersonation: dev.emulator.admin.createImpersonationToken(dev.userId, DEMO_IMPERSONATOR),
    }),
  };
}

/** What `npm start` prints in development: where to go, and operations ready to paste. */
export async function devBanner(dev: DevStytch, graphqlUrl: string): Promise<string> {
  const link = await sendEmailMagicLink(dev.emulator, DEMO_USER.email);
  const impersonation = dev.emulator.admin.createImpersonationToken(dev.userId, DEMO_IMPERSONATOR);
  const line = '='.repeat(78);
  return `
${line}
  DEVELOPMENT MODE: no STYTCH_* variable is set (or STYTCH_EMULATOR=on), so the
  gateway talks to its EMBEDDED STYTCH EMULATOR (in memory, no network).
  NOT FOR PRODUCTION: NODE_ENV=production refuses to start this way.
${line}

  GraphiQL:           ${graphqlUrl}
  Emulator (Stytch):  ${dev.emulator.url}  project ${dev.emulator.projectId}
  Demo user:          ${dev.userId} (${DEMO_USER.email})
  Dev API key:        ${dev.apiKey}   (header x-api-key, for createMagicLink)
  Session cookies:    on (GraphiQL sends them; other clients send header x-graphql-yoga-csrf: 1)

  Paste into GraphiQL (each token works once; restart or use createMagicLink for more):

mutation SignIn {
  authenticateMagicLink(input: { token: "${link}", sessionDurationMinutes: 60 }) {
    userId
    user { name { firstName lastName } emails { email verified } }
    session { id expiresAt authenticationFactors { type deliveryMethod } }
  }
}

query Me {
  viewer { user { id name { firstName } } session { id expiresAt } }
}

mutation Impersonate {
  authenticateImpersonation(input: { impersonationToken: "${impersonation}" }) {
    userId
    session { expiresAt authenticationFactors { type impersonatedFactor { impersonatorEmailAddress } } }
  }
}

mutation NewLink {   # Headers: { "x-api-key": "${dev.apiKey}" }
  createMagicLink(input: { userId: "${dev.userId}", expirationMinutes: 15 }) { token }
}

mutation ResetPassword {   # right after SignIn: uses the session cookie
  resetPasswordWithSession(input: { password: "a-new-password-2026" }) { userId session { id } }
}

mutation SignOut { signOut { revoked sessionId } }
${line}
`;
}
