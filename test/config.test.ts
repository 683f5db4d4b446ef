import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configProblems } from './helpers/config.js';

const base = { STYTCH_PROJECT_ID: 'project-test-abc', STYTCH_SECRET: 'secret-test-xyz' };

describe('configuration', () => {
  it('defaults', () => {
    expect(loadConfig(base)).toMatchObject({
      stytch: {
        projectId: 'project-test-abc',
        secret: 'secret-test-xyz',
        apiUrl: 'https://test.stytch.com/',
      },
      port: 4000,
      host: '127.0.0.1',
      stytchTimeoutMs: 10000,
      apiKeys: [],
      sessionCookies: null,
      tokensInBody: null,
      corsOrigins: [],
      graphqlMode: 'api',
      upstream: {
        connectTimeoutMs: 5000,
        maxConnections: 64,
        circuitFailures: 5,
        circuitHalfOpenMs: 10000,
      },
      limits: { introspection: true, fieldSuggestions: true, maxAliases: 10, maxBodyBytes: 100000 },
      rateLimit: { perIp: 30, perToken: 5, redisUrl: null },
      trustedProxies: [],
      shutdown: { delayMs: 0, timeoutMs: 10000 },
    });
  });

  it('hides field suggestions in production unless asked', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).limits.fieldSuggestions).toBe(false);
    expect(
      loadConfig({ ...base, NODE_ENV: 'production', FIELD_SUGGESTIONS: 'on' }).limits
        .fieldSuggestions,
    ).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'off' }).limits.introspection).toBe(false);
  });

  it('checks proxies, Redis and switches', () => {
    expect(
      configProblems({
        TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1, nope',
        REDIS_URL: 'http://x',
        SESSION_COOKIES: 'maybe',
      }),
    ).toEqual([
      'TRUSTED_PROXIES: "nope" is not an IP address or CIDR range',
      'REDIS_URL must start with redis:// or rediss://',
      'SESSION_COOKIES must be "on" or "off" (got "maybe")',
    ]);
  });

  it('chooses live or test from the project id, as the official SDKs do', () => {
    expect(loadConfig({ ...base, STYTCH_PROJECT_ID: 'project-live-abc' }).stytch?.apiUrl).toBe(
      'https://api.stytch.com/',
    );
    expect(loadConfig({ ...base, STYTCH_PROJECT_ID: 'project-test-abc' }).stytch?.apiUrl).toBe(
      'https://test.stytch.com/',
    );
    expect(loadConfig({ ...base, STYTCH_PROJECT_ID: 'something-else' }).stytch?.apiUrl).toBe(
      'https://test.stytch.com/',
    );
  });

  it('STYTCH_API_URL wins, and gets a trailing slash', () => {
    expect(
      loadConfig({ ...base, STYTCH_API_URL: 'https://stytch.example.com/api' }).stytch?.apiUrl,
    ).toBe('https://stytch.example.com/api/');
    expect(loadConfig({ ...base, STYTCH_API_URL: 'http://127.0.0.1:9000' }).stytch?.apiUrl).toBe(
      'http://127.0.0.1:9000/',
    );
  });

  it('no Stytch project at all means the embedded emulator', () => {
    expect(loadConfig({}).stytch).toBeNull();
  });

  it('reports every problem at once, one line each, without echoing the secret', () => {
    const found = configProblems({
      STYTCH_SECRET: 'secret-test-hidden',
      PORT: 'eighty',
      STYTCH_TIMEOUT_MS: '5',
      GATEWAY_API_KEYS: 'short',
    });
    expect(found).toEqual([
      'STYTCH_PROJECT_ID is required when STYTCH_SECRET is set',
      'GATEWAY_API_KEYS: each key must be at least 16 characters',
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'STYTCH_TIMEOUT_MS must be a whole number from 100 to 600000 (got "5")',
    ]);
    expect(found.join('\n')).not.toContain('hidden');
  });

  it('refuses plain http to anything but loopback', () => {
    expect(configProblems({ ...base, STYTCH_API_URL: 'http://stytch.example.com/' })).toEqual([
      'STYTCH_API_URL must use https (plain http is accepted only on loopback)',
    ]);
    expect(configProblems({ ...base, STYTCH_API_URL: 'not a url' })).toEqual([
      'STYTCH_API_URL is not a URL (got "not a url")',
    ]);
    expect(configProblems({ STYTCH_PROJECT_ID: 'project-test-abc' })).toEqual([
      'STYTCH_SECRET is required when STYTCH_PROJECT_ID is set',
    ]);
  });

  it('splits GATEWAY_API_KEYS on commas for rotation', () => {
    expect(
      loadConfig({ ...base, GATEWAY_API_KEYS: ' key-one-0123456789 , key-two-0123456789 ,' })
        .apiKeys,
    ).toEqual(['key-one-0123456789', 'key-two-0123456789']);
  });
});
