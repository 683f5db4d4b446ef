import { stringifySetCookie } from 'cookie';
import { SESSION_JWT_COOKIE, SESSION_TOKEN_COOKIE } from './credentials.js';

/**
 * Set-Cookie values that hold a session where page scripts cannot read it (HttpOnly), that other
 * sites' forms do not carry (SameSite=Lax), and that are sent only over TLS when `secure`. That
 * flag comes from configuration (COOKIE_SECURE), never from the request: behind a reverse proxy
 * the Host header says 127.0.0.1 while browsers speak https. Both cookies live as long as the
 * session: the 5-minute JWT is refreshed through Stytch when it has expired and the session has
 * not.
 */
export function sessionCookies(
  secure: boolean,
  session: { sessionToken?: string | null; sessionJwt?: string | null; expiresAt?: string | null },
): string[] {
  const expires = session.expiresAt ? new Date(session.expiresAt) : undefined;
  const options = {
    httpOnly: true,
    secure,
    sameSite: 'lax' as const,
    path: '/',
    ...(expires && !Number.isNaN(expires.getTime()) ? { expires } : {}),
  };
  const cookies: string[] = [];
  if (session.sessionToken) {
    cookies.push(stringifySetCookie(SESSION_TOKEN_COOKIE, session.sessionToken, options));
  }
  if (session.sessionJwt) {
    cookies.push(stringifySetCookie(SESSION_JWT_COOKIE, session.sessionJwt, options));
  }
  return cookies;
}

/** Set-Cookie values that delete both session cookies. */
export function clearedSessionCookies(secure: boolean): string[] {
  const options = {
    httpOnly: true,
    secure,
    sameSite: 'lax' as const,
    path: '/',
    maxAge: 0,
    expires: new Date(0),
  };
  return [
    stringifySetCookie(SESSION_TOKEN_COOKIE, '', options),
    stringifySetCookie(SESSION_JWT_COOKIE, '', options),
  ];
}
