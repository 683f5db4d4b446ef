/**
 * Stytch's wire shapes, in Stytch's own snake_case, named as stytch-node names them.
 * These are the backing models of the GraphQL types, so tsc checks every exposed key.
 * Fields marked optional may be absent or null on the wire.
 */

/** Arbitrary JSON object (custom claims, metadata): passed through untouched. */
export type JsonObject = { [key: string]: unknown };

export interface Attributes {
  ip_address?: string | null;
  user_agent?: string | null;
}

export interface Options {
  ip_match_required?: boolean;
  user_agent_match_required?: boolean;
}

// ---------------------------------------------------------------- User

export interface Name {
  first_name?: string | null;
  middle_name?: string | null;
  last_name?: string | null;
}

export interface Email {
  email_id: string;
  email: string;
  verified: boolean;
}

export interface PhoneNumber {
  phone_id: string;
  phone_number: string;
  verified: boolean;
}

export interface WebAuthnRegistration {
  webauthn_registration_id: string;
  domain: string;
  user_agent: string;
  verified: boolean;
  authenticator_type: string;
  name: string;
}

export interface OAuthProvider {
  provider_type: string;
  provider_subject: string;
  profile_picture_url: string;
  locale: string;
  oauth_user_registration_id: string;
}

export interface TOTP {
  totp_id: string;
  verified: boolean;
}

export interface CryptoWallet {
  crypto_wallet_id: string;
  crypto_wallet_address: string;
  crypto_wallet_type: string;
  verified: boolean;
}

export interface BiometricRegistration {
  biometric_registration_id: string;
  verified: boolean;
}

export interface Password {
  password_id: string;
  requires_reset: boolean;
}

export interface User {
  user_id: string;
  emails: Email[];
  status: string;
  phone_numbers: PhoneNumber[];
  webauthn_registrations: WebAuthnRegistration[];
  providers: OAuthProvider[];
  totps: TOTP[];
  crypto_wallets: CryptoWallet[];
  biometric_registrations: BiometricRegistration[];
  is_locked: boolean;
  roles: string[];
  name?: Name | null;
  created_at?: string | null;
  password?: Password | null;
  trusted_metadata?: JsonObject | null;
  untrusted_metadata?: JsonObject | null;
  external_id?: string | null;
  lock_created_at?: string | null;
  lock_expires_at?: string | null;
}

// ---------------------------------------------------------------- Authentication factors

export interface EmailFactor {
  email_id: string;
  email_address: string;
}

export interface PhoneNumberFactor {
  phone_id: string;
  phone_number: string;
}

export interface OAuthFactor {
  id: string;
  provider_subject: string;
  email_id?: string | null;
}

export interface OAuthExchangeFactor {
  email_id: string;
}

export interface WebAuthnFactor {
  webauthn_registration_id: string;
  domain: string;
  user_agent?: string | null;
}

export interface AuthenticatorAppFactor {
  totp_id: string;
}

export interface RecoveryCodeFactor {
  totp_recovery_code_id: string;
}

export interface CryptoWalletFactor {
  crypto_wallet_id: string;
  crypto_wallet_address: string;
  crypto_wallet_type: string;
}

export interface EmbeddableMagicLinkFactor {
  embedded_id: string;
}

export interface BiometricFactor {
  biometric_registration_id: string;
}

export interface SSOFactor {
  id: string;
  provider_id: string;
  external_id: string;
}

export interface ImpersonatedFactor {
  impersonator_id: string;
  impersonator_email_address: string;
}

export interface OAuthAccessTokenExchangeFactor {
  client_id: string;
}

export interface TrustedAuthTokenFactor {
  token_id: string;
}

/** The OAuth providers whose factor key is `<provider>_oauth_factor`, spelled as the SDK spells them. */
export const OAUTH_FACTOR_PROVIDERS = [
  'google',
  'microsoft',
  'apple',
  'github',
  'facebook',
  'amazon',
  'bitbucket',
  'coinbase',
  'discord',
  'figma',
  'git_lab',
  'instagram',
  'linked_in',
  'shopify',
  'slack',
  'snapchat',
  'spotify',
  'steam',
  'tik_tok',
  'twitch',
  'twitter',
  'salesforce',
  'yahoo',
  'hubspot',
] as const;
export type OAuthFactorProvider = (typeof OAUTH_FACTOR_PROVIDERS)[number];

/** The providers whose factor key is `<provider>_oauth_exchange_factor`. */
export const OAUTH_EXCHANGE_FACTOR_PROVIDERS = ['slack', 'hubspot', 'github', 'google'] as const;
export type OAuthExchangeFactorProvider = (typeof OAUTH_EXCHANGE_FACTOR_PROVIDERS)[number];

export type OAuthFactorFields = {
  [P in OAuthFactorProvider as `${P}_oauth_factor`]?: OAuthFactor | null;
};
export type OAuthExchangeFactorFields = {
  [P in OAuthExchangeFactorProvider as `${P}_oauth_exchange_factor`]?: OAuthExchangeFactor | null;
};

export interface AuthenticationFactor extends OAuthFactorFields, OAuthExchangeFactorFields {
  /** Open set: Stytch may add values at any time. */
  type: string;
  /** Open set: Stytch may add values at any time. */
  delivery_method: string;
  last_authenticated_at?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  email_factor?: EmailFactor | null;
  phone_number_factor?: PhoneNumberFactor | null;
  webauthn_factor?: WebAuthnFactor | null;
  authenticator_app_factor?: AuthenticatorAppFactor | null;
  recovery_code_factor?: RecoveryCodeFactor | null;
  crypto_wallet_factor?: CryptoWalletFactor | null;
  embeddable_magic_link_factor?: EmbeddableMagicLinkFactor | null;
  biometric_factor?: BiometricFactor | null;
  saml_sso_factor?: SSOFactor | null;
  oidc_sso_factor?: SSOFactor | null;
  impersonated_factor?: ImpersonatedFactor | null;
  oauth_access_token_exchange_factor?: OAuthAccessTokenExchangeFactor | null;
  trusted_auth_token_factor?: TrustedAuthTokenFactor | null;
}

// ---------------------------------------------------------------- Session, device

export interface Session {
  session_id: string;
  user_id: string;
  authentication_factors: AuthenticationFactor[];
  roles: string[];
  started_at?: string | null;
  last_accessed_at?: string | null;
  expires_at?: string | null;
  attributes?: Attributes | null;
  custom_claims?: JsonObject | null;
}

export interface DeviceAttributeDetails {
  is_new: boolean;
  first_seen_at?: string | null;
  last_seen_at?: string | null;
}

export interface DeviceInfo {
  visitor_id: string;
  visitor_id_details?: DeviceAttributeDetails | null;
  ip_address?: string | null;
  ip_address_details?: DeviceAttributeDetails | null;
  ip_geo_city?: string | null;
  ip_geo_region?: string | null;
  ip_geo_country?: string | null;
  ip_geo_country_details?: DeviceAttributeDetails | null;
}

// ---------------------------------------------------------------- Envelopes

/** Every success body carries these beside the endpoint's own fields. */
export interface ResponseEnvelope {
  request_id: string;
  status_code: number;
}

/** Stytch's error body (HTTP 4xx/5xx). */
export interface ErrorBody {
  status_code: number;
  request_id?: string;
  error_type: string;
  error_message: string;
  error_url?: string;
  error_details?: JsonObject | null;
}

// ---------------------------------------------------------------- The four endpoints

export interface ImpersonationAuthenticateRequest {
  impersonation_token: string;
}

export interface ImpersonationAuthenticateResponse extends ResponseEnvelope {
  user_id: string;
  user: User;
  session_token: string;
  session_jwt: string;
  session?: Session | null;
}

export interface MagicLinksCreateRequest {
  user_id: string;
  expiration_minutes?: number;
  attributes?: Attributes;
}

export interface MagicLinksCreateResponse extends ResponseEnvelope {
  user_id: string;
  token: string;
}

export interface MagicLinksAuthenticateRequest {
  token: string;
  attributes?: Attributes;
  options?: Options;
  session_token?: string;
  session_jwt?: string;
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  code_verifier?: string;
  telemetry_id?: string;
}

export interface MagicLinksAuthenticateResponse extends ResponseEnvelope {
  user_id: string;
  method_id: string;
  session_token: string;
  session_jwt: string;
  user: User;
  reset_sessions: boolean;
  session?: Session | null;
  user_device?: DeviceInfo | null;
}

export interface PasswordsSessionResetRequest {
  password: string;
  session_token?: string;
  session_jwt?: string;
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  telemetry_id?: string;
}

export interface PasswordsSessionResetResponse extends ResponseEnvelope {
  user_id: string;
  user: User;
  session_token: string;
  session_jwt: string;
  session?: Session | null;
  user_device?: DeviceInfo | null;
}

// ---------------------------------------------------------------- Related endpoints

/** GET /v1/users/{user_id}: the user's fields flattened beside the envelope. */
export type UsersGetResponse = ResponseEnvelope & User;

export interface SessionsAuthenticateRequest {
  session_token?: string;
  session_jwt?: string;
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
}

export interface SessionsAuthenticateResponse extends ResponseEnvelope {
  session: Session;
  session_token: string;
  session_jwt: string;
  user: User;
}

export interface SessionsRevokeRequest {
  session_id?: string;
  session_token?: string;
  session_jwt?: string;
}

export interface SessionsGetResponse extends ResponseEnvelope {
  sessions: Session[];
}

export interface JWK {
  kty: string;
  use: string;
  alg: string;
  kid: string;
  n: string;
  e: string;
  key_ops: string[];
  x5c: string[];
  x5tS256: string;
}

export interface SessionsJwksResponse extends ResponseEnvelope {
  keys: JWK[];
}

// ---------------------------------------------------------------- Sign-in endpoints

/**
 * The answer of every call that can sign a user in: the user, and the session when one was asked
 * for. Without `session_duration_minutes` there is no `session`, and the token and JWT are empty.
 */
export interface SessionSetResponse extends ResponseEnvelope {
  user_id: string;
  user: User;
  session_token: string;
  session_jwt: string;
  session?: Session | null;
  user_device?: DeviceInfo | null;
}

/** The session arguments of calls that can sign a user in, or extend the session they name. */
export interface SessionRequestFields {
  session_token?: string;
  session_jwt?: string;
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  telemetry_id?: string;
}

/** A session to attach a new email or phone number to (the "add a method" flow of send calls). */
export interface AttachToSessionFields {
  user_id?: string;
  session_token?: string;
  session_jwt?: string;
}

// Magic links by email

export interface MagicLinksEmailSendRequest extends AttachToSessionFields {
  email: string;
  login_magic_link_url?: string;
  signup_magic_link_url?: string;
  login_expiration_minutes?: number;
  signup_expiration_minutes?: number;
  login_template_id?: string;
  signup_template_id?: string;
  attributes?: Attributes;
  code_challenge?: string;
  locale?: string;
}

export interface MagicLinksEmailSendResponse extends ResponseEnvelope {
  user_id: string;
  email_id: string;
}

export interface MagicLinksEmailLoginOrCreateRequest {
  email: string;
  login_magic_link_url?: string;
  signup_magic_link_url?: string;
  login_expiration_minutes?: number;
  signup_expiration_minutes?: number;
  login_template_id?: string;
  signup_template_id?: string;
  attributes?: Attributes;
  create_user_as_pending?: boolean;
  code_challenge?: string;
  locale?: string;
}

export interface MagicLinksEmailLoginOrCreateResponse extends ResponseEnvelope {
  user_id: string;
  email_id: string;
  user_created: boolean;
}

export interface MagicLinksEmailInviteRequest {
  email: string;
  invite_magic_link_url?: string;
  invite_expiration_minutes?: number;
  invite_template_id?: string;
  name?: Name;
  attributes?: Attributes;
  locale?: string;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
}

export interface MagicLinksEmailInviteResponse extends ResponseEnvelope {
  user_id: string;
  email_id: string;
}

export interface MagicLinksEmailRevokeInviteRequest {
  email: string;
}

export type MagicLinksEmailRevokeInviteResponse = ResponseEnvelope;

// Passwords

export interface PasswordsCreateRequest {
  email: string;
  password: string;
  session_duration_minutes?: number;
  session_custom_claims?: JsonObject;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  name?: Name;
  telemetry_id?: string;
}

export interface PasswordsCreateResponse extends SessionSetResponse {
  email_id: string;
}

export interface PasswordsAuthenticateRequest extends SessionRequestFields {
  email: string;
  password: string;
}

export type PasswordsAuthenticateResponse = SessionSetResponse;

export interface PasswordsStrengthCheckRequest {
  password: string;
  email?: string;
}

export interface LUDSRequirements {
  has_lower_case: boolean;
  has_upper_case: boolean;
  has_digit: boolean;
  has_symbol: boolean;
  missing_complexity: number;
  missing_characters: number;
}

export interface PasswordFeedback {
  warning: string;
  suggestions: string[];
  luds_requirements?: LUDSRequirements | null;
}

export interface PasswordsStrengthCheckResponse extends ResponseEnvelope {
  valid_password: boolean;
  score: number;
  breached_password: boolean;
  strength_policy: string;
  breach_detection_on_create: boolean;
  feedback?: PasswordFeedback | null;
}

export interface PasswordsEmailResetStartRequest {
  email: string;
  reset_password_redirect_url?: string;
  reset_password_expiration_minutes?: number;
  login_redirect_url?: string;
  reset_password_template_id?: string;
  code_challenge?: string;
  attributes?: Attributes;
  locale?: string;
}

export interface PasswordsEmailResetStartResponse extends ResponseEnvelope {
  user_id: string;
  email_id: string;
}

export interface PasswordsEmailResetRequest extends SessionRequestFields {
  token: string;
  password: string;
  code_verifier?: string;
  attributes?: Attributes;
  options?: Options;
}

export type PasswordsEmailResetResponse = SessionSetResponse;

export interface PasswordsExistingPasswordResetRequest extends SessionRequestFields {
  email: string;
  existing_password: string;
  new_password: string;
}

export type PasswordsExistingPasswordResetResponse = SessionSetResponse;

// One-time passcodes

export interface OTPsAuthenticateRequest extends SessionRequestFields {
  method_id: string;
  code: string;
  attributes?: Attributes;
  options?: Options;
}

export interface OTPsAuthenticateResponse extends SessionSetResponse {
  method_id: string;
  reset_sessions: boolean;
}

export interface OTPsEmailSendRequest extends AttachToSessionFields {
  email: string;
  expiration_minutes?: number;
  attributes?: Attributes;
  locale?: string;
  login_template_id?: string;
  signup_template_id?: string;
}

export interface OTPsEmailSendResponse extends ResponseEnvelope {
  user_id: string;
  email_id: string;
}

export interface OTPsEmailLoginOrCreateRequest {
  email: string;
  expiration_minutes?: number;
  attributes?: Attributes;
  create_user_as_pending?: boolean;
  locale?: string;
  login_template_id?: string;
  signup_template_id?: string;
}

export interface OTPsEmailLoginOrCreateResponse extends ResponseEnvelope {
  user_id: string;
  email_id: string;
  user_created: boolean;
}

export interface OTPsSmsSendRequest extends AttachToSessionFields {
  phone_number: string;
  expiration_minutes?: number;
  attributes?: Attributes;
  locale?: string;
}

export interface OTPsSmsSendResponse extends ResponseEnvelope {
  user_id: string;
  phone_id: string;
}

export interface OTPsSmsLoginOrCreateRequest {
  phone_number: string;
  expiration_minutes?: number;
  attributes?: Attributes;
  create_user_as_pending?: boolean;
  locale?: string;
}

export interface OTPsSmsLoginOrCreateResponse extends ResponseEnvelope {
  user_id: string;
  phone_id: string;
  user_created: boolean;
}
