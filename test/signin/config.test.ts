import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configProblems } from '../helpers/config.js';

describe('redirect URL configuration', () => {
  it('is empty by default: the fields are left out and the Dashboard defaults apply', () => {
    expect(loadConfig({}).redirectUrls).toEqual({
      magicLinkLogin: [],
      magicLinkSignup: [],
      magicLinkInvite: [],
      passwordReset: [],
    });
  });

  it('reads comma-separated lists, first entry first, exactly as written', () => {
    expect(
      loadConfig({
        MAGIC_LINK_LOGIN_URL: ' https://app.example.com/auth/login , https://m.example.com/login',
        MAGIC_LINK_SIGNUP_URL: 'http://localhost:5173/signup',
        MAGIC_LINK_INVITE_URL: 'https://app.example.com/invite?from=email',
        PASSWORD_RESET_URL: 'https://app.example.com/reset',
      }).redirectUrls,
    ).toEqual({
      magicLinkLogin: ['https://app.example.com/auth/login', 'https://m.example.com/login'],
      magicLinkSignup: ['http://localhost:5173/signup'],
      magicLinkInvite: ['https://app.example.com/invite?from=email'],
      passwordReset: ['https://app.example.com/reset'],
    });
  });

  it('refuses anything but absolute http(s) URLs, and URLs carrying credentials', () => {
    expect(
      configProblems({
        MAGIC_LINK_LOGIN_URL: '/auth/login',
        MAGIC_LINK_SIGNUP_URL: 'javascript:alert(1)',
        MAGIC_LINK_INVITE_URL: 'https://app.example.com/ok, ftp://files.example.com/x',
        PASSWORD_RESET_URL: 'https://admin:hunter2@app.example.com/reset',
      }),
    ).toEqual([
      'MAGIC_LINK_LOGIN_URL: "/auth/login" is not an absolute http(s) URL',
      'MAGIC_LINK_SIGNUP_URL: "javascript:alert(1)" is not an absolute http(s) URL',
      'MAGIC_LINK_INVITE_URL: "ftp://files.example.com/x" is not an absolute http(s) URL',
      'PASSWORD_RESET_URL: the URL for app.example.com must not carry a user name or password',
    ]);
  });
});
