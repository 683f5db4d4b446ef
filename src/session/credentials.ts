import { parseCookie } from 'cookie';

/** Stytch's own cookie names, so a frontend already using Stytch's JS SDK needs no change. */
export const SESSION_TOKEN_COOKIE = 'stytch_session';
export const SESSION_JWT_COOKIE = 'stytch_session_jwt';

/** The session credentials a request carries. Either may be absent. */
export interface Credentials {
  jwt?: string;
  token?: string;
  source: 'authorization' | 'cookie';
}

/** A Stytch session JWT has three base64url parts; an opaque session token has none. */
export function looksLikeJwt(value: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value);
}

/**
 * `Authorization: Bearer …` wins over cookies: an explicit credential is the caller's intent. With
 * both cookies present, both are kept: the JWT is verified locally for free, and the token is the
 * fallback Stytch can always check.
 *
 * Cookies are read only in cookie mode, where CSRF prevention guards every request. Otherwise a
 * browser would attach a leftover `stytch_session` cookie to another site's form post, and that
 * post would act with the victim's session.
 */
export function readCredentials(headers: Headers, cookieMode: boolean): Credentials | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) {
      const value = match[1];
      return looksLikeJwt(value)
        ? { jwt: value, source: 'authorization' }
        : { token: value, source: 'authorization' };
    }
  }
  const cookieHeader = cookieMode ? headers.get('cookie') : null;
  if (cookieHeader) {
    const cookies = parseCookie(cookieHeader);
    const jwt = cookies[SESSION_JWT_COOKIE] || undefined;
    const token = cookies[SESSION_TOKEN_COOKIE] || undefined;
    if (jwt || token) {
      return { ...(jwt ? { jwt } : {}), ...(token ? { token } : {}), source: 'cookie' };
    }
  }
  return null;
}
