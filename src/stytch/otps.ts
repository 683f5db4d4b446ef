import { request, requireKeys, type Transport } from './request.js';
import type {
  OTPsAuthenticateRequest,
  OTPsAuthenticateResponse,
  OTPsEmailLoginOrCreateRequest,
  OTPsEmailLoginOrCreateResponse,
  OTPsEmailSendRequest,
  OTPsEmailSendResponse,
  OTPsSmsLoginOrCreateRequest,
  OTPsSmsLoginOrCreateResponse,
  OTPsSmsSendRequest,
  OTPsSmsSendResponse,
} from './types.js';

/** One-time passcodes by email. Each call sends a code (and voids the previous one): never retried. */
export class OTPsEmail {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/otps/email/send: a code to an existing user's email (404 otherwise). */
  async send(data: OTPsEmailSendRequest): Promise<OTPsEmailSendResponse> {
    const path = 'v1/otps/email/send';
    const body = await request<OTPsEmailSendResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', email_id: 'string' });
  }

  /** POST /v1/otps/email/login_or_create: a code, creating the user first if there is none. */
  async loginOrCreate(
    data: OTPsEmailLoginOrCreateRequest,
  ): Promise<OTPsEmailLoginOrCreateResponse> {
    const path = 'v1/otps/email/login_or_create';
    const body = await request<OTPsEmailLoginOrCreateResponse>(this.transport, {
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
}

/** One-time passcodes by SMS. Each call sends a text (and costs money): never retried. */
export class OTPsSms {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/otps/sms/send: a code to an existing user's phone number (404 otherwise). */
  async send(data: OTPsSmsSendRequest): Promise<OTPsSmsSendResponse> {
    const path = 'v1/otps/sms/send';
    const body = await request<OTPsSmsSendResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', phone_id: 'string' });
  }

  /** POST /v1/otps/sms/login_or_create: a code, creating the user first if there is none. */
  async loginOrCreate(data: OTPsSmsLoginOrCreateRequest): Promise<OTPsSmsLoginOrCreateResponse> {
    const path = 'v1/otps/sms/login_or_create';
    const body = await request<OTPsSmsLoginOrCreateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, {
      user_id: 'string',
      phone_id: 'string',
      user_created: 'boolean',
    });
  }
}

export class OTPs {
  readonly email: OTPsEmail;
  readonly sms: OTPsSms;

  constructor(private readonly transport: Transport) {
    this.email = new OTPsEmail(transport);
    this.sms = new OTPsSms(transport);
  }

  /** POST /v1/otps/authenticate: spends the code (email or SMS alike). Never retried. */
  async authenticate(data: OTPsAuthenticateRequest): Promise<OTPsAuthenticateResponse> {
    const path = 'v1/otps/authenticate';
    const body = await request<OTPsAuthenticateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', user: 'object', method_id: 'string' });
  }
}
