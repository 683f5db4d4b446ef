import { request, requireKeys, type Transport } from './request.js';
import type {
  ImpersonationAuthenticateRequest,
  ImpersonationAuthenticateResponse,
} from './types.js';

export class Impersonation {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/impersonation/authenticate. Single use: never retried. */
  async authenticate(
    data: ImpersonationAuthenticateRequest,
  ): Promise<ImpersonationAuthenticateResponse> {
    const path = 'v1/impersonation/authenticate';
    const body = await request<ImpersonationAuthenticateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', user: 'object', session_token: 'string' });
  }
}
