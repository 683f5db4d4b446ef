import { request, requireKeys, type Transport } from './request.js';
import type {
  MagicLinksAuthenticateRequest,
  MagicLinksAuthenticateResponse,
  MagicLinksCreateRequest,
  MagicLinksCreateResponse,
} from './types.js';

export class MagicLinks {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/magic_links: an embeddable magic link token for an existing user. */
  async create(data: MagicLinksCreateRequest): Promise<MagicLinksCreateResponse> {
    const path = 'v1/magic_links';
    const body = await request<MagicLinksCreateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', token: 'string' });
  }

  /** POST /v1/magic_links/authenticate. Single use: never retried. */
  async authenticate(data: MagicLinksAuthenticateRequest): Promise<MagicLinksAuthenticateResponse> {
    const path = 'v1/magic_links/authenticate';
    const body = await request<MagicLinksAuthenticateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', user: 'object' });
  }
}
