import { request, requireKeys, type Transport } from './request.js';
import type {
  MagicLinksAuthenticateRequest,
  MagicLinksAuthenticateResponse,
  MagicLinksCreateRequest,
  MagicLinksCreateResponse,
  MagicLinksEmailInviteRequest,
  MagicLinksEmailInviteResponse,
  MagicLinksEmailLoginOrCreateRequest,
  MagicLinksEmailLoginOrCreateResponse,
  MagicLinksEmailRevokeInviteRequest,
  MagicLinksEmailRevokeInviteResponse,
  MagicLinksEmailSendRequest,
  MagicLinksEmailSendResponse,
} from './types.js';

/** Magic links sent by email. Every call here sends a message: none is ever retried. */
export class MagicLinksEmail {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/magic_links/email/send: a login link to an existing user (404 otherwise). */
  async send(data: MagicLinksEmailSendRequest): Promise<MagicLinksEmailSendResponse> {
    const path = 'v1/magic_links/email/send';
    const body = await request<MagicLinksEmailSendResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', email_id: 'string' });
  }

  /** POST /v1/magic_links/email/login_or_create: a login link, or a signup link for a new user. */
  async loginOrCreate(
    data: MagicLinksEmailLoginOrCreateRequest,
  ): Promise<MagicLinksEmailLoginOrCreateResponse> {
    const path = 'v1/magic_links/email/login_or_create';
    const body = await request<MagicLinksEmailLoginOrCreateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, {
      user_id: 'string',
      email_id: 'string',
      user_created: 'boolean',
    });
  }

  /** POST /v1/magic_links/email/invite: creates a pending user and sends the invite link. */
  async invite(data: MagicLinksEmailInviteRequest): Promise<MagicLinksEmailInviteResponse> {
    const path = 'v1/magic_links/email/invite';
    const body = await request<MagicLinksEmailInviteResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', email_id: 'string' });
  }

  /** POST /v1/magic_links/email/revoke_invite: the pending invite link stops working. */
  revokeInvite(
    data: MagicLinksEmailRevokeInviteRequest,
  ): Promise<MagicLinksEmailRevokeInviteResponse> {
    return request<MagicLinksEmailRevokeInviteResponse>(this.transport, {
      method: 'POST',
      path: 'v1/magic_links/email/revoke_invite',
      body: data,
    });
  }
}

export class MagicLinks {
  readonly email: MagicLinksEmail;

  constructor(private readonly transport: Transport) {
    this.email = new MagicLinksEmail(transport);
  }

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
