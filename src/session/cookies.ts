import { stringifySetCookie } from 'cookie';
import { SESSION_JWT_COOKIE, SESSION_TOKEN_COOKIE } from './credentials.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Set-Cookie values that hold a session where page scripts cannot read it (HttpOnly), that are
 * only sent over TLS except on a developer's own machine, and that other sites' forms do not
 * carry (SameSite=Lax). Both cookies live as long as the session: the 5-minute JWT is refreshed
 * through Stytch when it has expired and the session has not.
 */
export function sessionCookies(
  requestUrl: string,
  session: { sessionToken?: string | null; sessionJwt?: string | null; expiresAt?: string | null },
): string[] {
  const secure = !LOCAL_HOSTS.has(new URL(requestUrl).hostname);
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
export function clearedSessionCookies(requestUrl: string): string[] {
  const secure = !LOCAL_HOSTS.has(new URL(requestUrl).hostname);
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
