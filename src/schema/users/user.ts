import type {
  BiometricRegistration,
  CryptoWallet,
  Email,
  Name,
  OAuthProvider,
  Password,
  PhoneNumber,
  TOTP,
  User,
  WebAuthnRegistration,
} from '../../stytch/types.js';
import { builder } from '../builder.js';

/*
 * The Stytch wire types are the backing models, so every `expose*` key is checked by tsc against
 * Stytch's own spelling; the GraphQL name is always the camelCase of that key (see src/case.ts).
 */

export const NameRef = builder.objectRef<Name>('Name');
NameRef.implement({
  description: "A user's name as stored in Stytch. Every part is optional.",
  fields: (t) => ({
    firstName: t.exposeString('first_name', {
      nullable: true,
      description: 'Given name, or null if not set.',
    }),
    middleName: t.exposeString('middle_name', {
      nullable: true,
      description: 'Middle name, or null if not set.',
    }),
    lastName: t.exposeString('last_name', {
      nullable: true,
      description: 'Family name, or null if not set.',
    }),
  }),
});

export const UserEmailRef = builder.objectRef<Email>('UserEmail');
UserEmailRef.implement({
  description: 'An email address attached to the user.',
  fields: (t) => ({
    emailId: t.exposeString('email_id', {
      description:
        'Stytch id of this email address (e.g. `email-test-…`); `methodId` of a magic-link login.',
    }),
    email: t.exposeString('email', { description: 'The email address.' }),
    verified: t.exposeBoolean('verified', {
      description:
        'Whether the user has proved they control this address (for example by using a magic link sent to it).',
    }),
  }),
});

export const UserPhoneNumberRef = builder.objectRef<PhoneNumber>('UserPhoneNumber');
UserPhoneNumberRef.implement({
  description: 'A phone number attached to the user.',
  fields: (t) => ({
    phoneId: t.exposeString('phone_id', {
      description: 'Stytch id of this phone number (e.g. `phone-number-test-…`).',
    }),
    phoneNumber: t.exposeString('phone_number', {
      description: 'The phone number in E.164 format (e.g. `+12025550162`).',
    }),
    verified: t.exposeBoolean('verified', {
      description: 'Whether the user has proved they control this number (for example by an OTP).',
    }),
  }),
});

export const WebAuthnRegistrationRef =
  builder.objectRef<WebAuthnRegistration>('WebAuthnRegistration');
WebAuthnRegistrationRef.implement({
  description: 'A WebAuthn authenticator (passkey, security key, platform authenticator).',
  fields: (t) => ({
    webauthnRegistrationId: t.exposeString('webauthn_registration_id', {
      description: 'Stytch id of this WebAuthn registration.',
    }),
    domain: t.exposeString('domain', {
      description: 'The relying-party domain the authenticator was registered for.',
    }),
    userAgent: t.exposeString('user_agent', {
      description: 'User agent of the browser that registered the authenticator.',
    }),
    verified: t.exposeBoolean('verified', {
      description: 'Whether the registration was completed and can be used to authenticate.',
    }),
    authenticatorType: t.exposeString('authenticator_type', {
      description:
        'Kind of authenticator: `platform` (built into the device), `cross-platform` (e.g. a USB security key), or empty when unknown. Kept as a string because Stytch may add values.',
    }),
    name: t.exposeString('name', {
      description: 'Display name of the authenticator, as set by the user or application.',
    }),
  }),
});

export const OAuthProviderRef = builder.objectRef<OAuthProvider>('OAuthProvider');
OAuthProviderRef.implement({
  description: 'An OAuth identity provider account linked to the user (Google, GitHub, …).',
  fields: (t) => ({
    providerType: t.exposeString('provider_type', {
      description: 'The OAuth provider, e.g. `Google`, `Microsoft`, `GitHub`.',
    }),
    providerSubject: t.exposeString('provider_subject', {
      description: "The user's unique id at the provider (the `sub` of the provider's ID token).",
    }),
    profilePictureUrl: t.exposeString('profile_picture_url', {
      description: 'URL of the profile picture the provider returned; may be empty.',
    }),
    locale: t.exposeString('locale', {
      description: 'Locale the provider returned for the user (e.g. `en`); may be empty.',
    }),
    oauthUserRegistrationId: t.exposeString('oauth_user_registration_id', {
      description:
        'Stytch id of this OAuth registration; the `id` of the matching OAuth authentication factor.',
    }),
  }),
});

export const TotpRef = builder.objectRef<TOTP>('Totp');
TotpRef.implement({
  description: 'A TOTP (authenticator app) registration.',
  fields: (t) => ({
    totpId: t.exposeString('totp_id', { description: 'Stytch id of this TOTP registration.' }),
    verified: t.exposeBoolean('verified', {
      description: 'Whether the user has confirmed the registration with a valid code.',
    }),
  }),
});

export const CryptoWalletRef = builder.objectRef<CryptoWallet>('CryptoWallet');
CryptoWalletRef.implement({
  description: 'A crypto wallet the user can sign in with (Sign-In With Ethereum / Solana).',
  fields: (t) => ({
    cryptoWalletId: t.exposeString('crypto_wallet_id', {
      description: 'Stytch id of this crypto wallet.',
    }),
    cryptoWalletAddress: t.exposeString('crypto_wallet_address', {
      description: 'Public address of the wallet.',
    }),
    cryptoWalletType: t.exposeString('crypto_wallet_type', {
      description:
        'Wallet chain, e.g. `ethereum` or `solana`. Kept as a string: Stytch may add values.',
    }),
    verified: t.exposeBoolean('verified', {
      description: 'Whether the user has proved ownership by signing a challenge.',
    }),
  }),
});

export const BiometricRegistrationRef =
  builder.objectRef<BiometricRegistration>('BiometricRegistration');
BiometricRegistrationRef.implement({
  description: 'A mobile biometric registration (Face ID, Touch ID, Android biometrics).',
  fields: (t) => ({
    biometricRegistrationId: t.exposeString('biometric_registration_id', {
      description: 'Stytch id of this biometric registration.',
    }),
    verified: t.exposeBoolean('verified', {
      description: 'Whether the registration was completed and can be used to authenticate.',
    }),
  }),
});

export const UserPasswordRef = builder.objectRef<Password>('UserPassword');
UserPasswordRef.implement({
  description: "The user's password. The password itself is never exposed.",
  fields: (t) => ({
    passwordId: t.exposeString('password_id', { description: 'Stytch id of the password.' }),
    requiresReset: t.exposeBoolean('requires_reset', {
      description:
        'Whether the password must be reset before it can be used again (for example after it was found in a breach).',
    }),
  }),
});

export const UserRef = builder.objectRef<User>('User');
UserRef.implement({
  description:
    'A Stytch user: who they are and every authentication method (email, phone, passkey, OAuth, TOTP, wallet, biometric, password) registered to them.',
  fields: (t) => ({
    id: t.exposeID('user_id', {
      description:
        'Same value as `userId`, exposed as `ID` so normalised client caches (Apollo, urql, Relay) can key users.',
    }),
    userId: t.exposeString('user_id', {
      description: 'Stytch user id, e.g. `user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd`.',
    }),
    externalId: t.exposeString('external_id', {
      nullable: true,
      description:
        "The application's own id for this user (alphanumerics and `. _ - |`, at most 128 characters, unique within the project), or null if none was set. Accepted wherever a user id is.",
    }),
    status: t.exposeString('status', {
      description:
        'Lifecycle status. Known values today: `pending` (created but has not yet authenticated) and `active`. Kept as a string: Stytch may add values.',
    }),
    name: t.expose('name', {
      type: NameRef,
      nullable: true,
      description: "The user's name, or null if none was set.",
    }),
    emails: t.expose('emails', {
      type: [UserEmailRef],
      description: 'Email addresses attached to the user (possibly empty).',
    }),
    phoneNumbers: t.expose('phone_numbers', {
      type: [UserPhoneNumberRef],
      description: 'Phone numbers attached to the user (possibly empty).',
    }),
    webauthnRegistrations: t.expose('webauthn_registrations', {
      type: [WebAuthnRegistrationRef],
      description: 'WebAuthn authenticators and passkeys registered by the user (possibly empty).',
    }),
    providers: t.expose('providers', {
      type: [OAuthProviderRef],
      description: 'OAuth provider accounts linked to the user (possibly empty).',
    }),
    totps: t.expose('totps', {
      type: [TotpRef],
      description: 'TOTP (authenticator app) registrations (possibly empty).',
    }),
    cryptoWallets: t.expose('crypto_wallets', {
      type: [CryptoWalletRef],
      description: 'Crypto wallets linked to the user (possibly empty).',
    }),
    biometricRegistrations: t.expose('biometric_registrations', {
      type: [BiometricRegistrationRef],
      description: 'Mobile biometric registrations (possibly empty).',
    }),
    password: t.expose('password', {
      type: UserPasswordRef,
      nullable: true,
      description: "The user's password registration, or null if the user has no password.",
    }),
    isLocked: t.exposeBoolean('is_locked', {
      description:
        'Whether the user is temporarily locked out after too many failed authentication attempts. The lock lifts by itself at `lockExpiresAt`.',
    }),
    lockCreatedAt: t.expose('lock_created_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When the current or most recent lock was placed, or null if never locked.',
    }),
    lockExpiresAt: t.expose('lock_expires_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When the current or most recent lock ends, or null if never locked.',
    }),
    roles: t.exposeStringList('roles', {
      description: 'RBAC role ids assigned to the user (possibly empty).',
    }),
    trustedMetadata: t.expose('trusted_metadata', {
      type: 'JSON',
      nullable: true,
      description:
        'Application-defined JSON that only the backend (with the project secret) can write, so it can be trusted for decisions. Keys are returned exactly as stored.',
    }),
    untrustedMetadata: t.expose('untrusted_metadata', {
      type: 'JSON',
      nullable: true,
      description:
        'Application-defined JSON that end users can edit through the frontend SDKs: never trust it for authorisation. Keys are returned exactly as stored.',
    }),
    createdAt: t.expose('created_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When the user was created.',
    }),
  }),
});
