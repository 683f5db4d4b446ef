import { request, requireKeys, type Transport } from './request.js';
import type {
  ResponseEnvelope,
  SessionsAuthenticateRequest,
  SessionsAuthenticateResponse,
  SessionsGetResponse,
  SessionsJwksResponse,
  SessionsRevokeRequest,
} from './types.js';

export class Sessions {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/sessions/authenticate with exactly one of session_token / session_jwt. */
  async authenticate(data: SessionsAuthenticateRequest): Promise<SessionsAuthenticateResponse> {
    const path = 'v1/sessions/authenticate';
    const body = await request<SessionsAuthenticateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { session: 'object', user: 'object' });
  }

  /** POST /v1/sessions/revoke with exactly one of session_id / session_token / session_jwt. */
  revoke(data: SessionsRevokeRequest): Promise<ResponseEnvelope> {
    return request<ResponseEnvelope>(this.transport, {
      method: 'POST',
      path: 'v1/sessions/revoke',
      body: data,
    });
  }

  /** GET /v1/sessions?user_id=: the user's active sessions. */
  async get(userId: string): Promise<SessionsGetResponse> {
    const path = 'v1/sessions';
    const body = await request<SessionsGetResponse>(this.transport, {
      method: 'GET',
      path,
      query: { user_id: userId },
    });
    return requireKeys(body, path, { sessions: 'array' });
  }

  /** GET /v1/sessions/jwks/{project_id}: the keys that sign session JWTs. */
  async jwks(projectId: string): Promise<SessionsJwksResponse> {
    const path = `v1/sessions/jwks/${encodeURIComponent(projectId)}`;
    const body = await request<SessionsJwksResponse>(this.transport, { method: 'GET', path });
    return requireKeys(body, path, { keys: 'array' });
  }
}
