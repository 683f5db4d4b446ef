/**
 * Configuration from the environment, validated once at start-up. Every problem is reported in one
 * go, one line each, so an operator fixes them all at once.
 */

export interface StytchConfig {
  projectId: string;
  secret: string;
  /** Always ends with `/`. */
  apiUrl: string;
}

export interface GatewayConfig {
  /** Null when no Stytch project is configured: the embedded emulator stands in. */
  stytch: StytchConfig | null;
  port: number;
  host: string;
  stytchTimeoutMs: number;
  /** Server credentials accepted in `x-api-key` (rotate by listing old and new). */
  apiKeys: string[];
  /** Session cookies: on, off, or null to decide by setup (on with the embedded emulator). */
  sessionCookies: boolean | null;
  /** Session tokens in mutation payloads: null means "not in cookie mode". */
  tokensInBody: boolean | null;
  /** Browser origins allowed to call cross-origin (with credentials). Empty: same-origin only. */
  corsOrigins: string[];
  /** `api`: a standalone GraphQL API; `subgraph`: an Apollo Federation v2 subgraph. */
  graphqlMode: 'api' | 'subgraph';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const STYTCH_LIVE_URL = 'https://api.stytch.com/';
export const STYTCH_TEST_URL = 'https://test.stytch.com/';

/** The official SDKs' rule: a `project-live-` id talks to the live API, anything else to test. */
export function stytchUrlForProject(projectId: string): string {
  return projectId.startsWith('project-live-') ? STYTCH_LIVE_URL : STYTCH_TEST_URL;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): GatewayConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = value(name);
    if (raw === undefined) {
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const projectId = value('STYTCH_PROJECT_ID');
  const secret = value('STYTCH_SECRET');
  let stytch: StytchConfig | null = null;
  if (projectId && !secret) {
    problems.push('STYTCH_SECRET is required when STYTCH_PROJECT_ID is set');
  } else if (secret && !projectId) {
    problems.push('STYTCH_PROJECT_ID is required when STYTCH_SECRET is set');
  } else if (projectId && secret) {
    let apiUrl = stytchUrlForProject(projectId);
    const rawUrl = value('STYTCH_API_URL');
    if (rawUrl) {
      try {
        const url = new URL(rawUrl);
        const plainHttpAllowed = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
        if (url.protocol !== 'https:' && !plainHttpAllowed) {
          // The Basic credentials travel in every request: only loopback may see them in clear.
          problems.push('STYTCH_API_URL must use https (plain http is accepted only on loopback)');
        }
        apiUrl = url.href.endsWith('/') ? url.href : `${url.href}/`;
      } catch {
        problems.push(`STYTCH_API_URL is not a URL (got "${rawUrl}")`);
      }
    }
    stytch = { projectId, secret, apiUrl };
  }

  const apiKeys = (value('GATEWAY_API_KEYS') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (apiKeys.some((k) => k.length < 16)) {
    problems.push('GATEWAY_API_KEYS: each key must be at least 16 characters');
  }

  const onOff = (name: string): boolean | null => {
    const raw = value(name)?.toLowerCase();
    if (raw === undefined) {
      return null;
    }
    if (raw === 'on' || raw === 'off') {
      return raw === 'on';
    }
    problems.push(`${name} must be "on" or "off" (got "${raw}")`);
    return null;
  };
  const corsOrigins = (value('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://app.example.com`);
    }
  }

  const graphqlMode = (): GatewayConfig['graphqlMode'] => {
    const raw = value('GRAPHQL_MODE') ?? 'api';
    if (raw === 'api' || raw === 'subgraph') {
      return raw;
    }
    problems.push(`GRAPHQL_MODE must be "api" or "subgraph" (got "${raw}")`);
    return 'api';
  };

  const config: GatewayConfig = {
    stytch,
    port: integer('PORT', 4000, 0, 65535),
    host: value('HOST') ?? '127.0.0.1',
    stytchTimeoutMs: integer('STYTCH_TIMEOUT_MS', 10_000, 100, 600_000),
    apiKeys,
    sessionCookies: onOff('SESSION_COOKIES'),
    tokensInBody: onOff('SESSION_TOKENS_IN_BODY'),
    corsOrigins,
    graphqlMode: graphqlMode(),
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}
