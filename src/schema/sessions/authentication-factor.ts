import { camelCase } from '../../case.js';
import {
  type AuthenticationFactor,
  type AuthenticatorAppFactor,
  type BiometricFactor,
  type CryptoWalletFactor,
  type EmailFactor,
  type EmbeddableMagicLinkFactor,
  type ImpersonatedFactor,
  OAUTH_EXCHANGE_FACTOR_PROVIDERS,
  OAUTH_FACTOR_PROVIDERS,
  type OAuthAccessTokenExchangeFactor,
  type OAuthExchangeFactor,
  type OAuthExchangeFactorProvider,
  type OAuthFactor,
  type OAuthFactorProvider,
  type PhoneNumberFactor,
  type RecoveryCodeFactor,
  type SSOFactor,
  type TrustedAuthTokenFactor,
  type WebAuthnFactor,
} from '../../stytch/types.js';
import { builder } from '../builder.js';

/*
 * `type` and `deliveryMethod` stay plain strings: Stytch adds values without notice, and an enum
 * would make a whole response fail to serialise the day it does. The known values are listed in
 * the descriptions instead.
 */
const KNOWN_TYPES = [
  'magic_link',
  'otp',
  'oauth',
  'webauthn',
  'totp',
  'crypto',
  'password',
  'signature_challenge',
  'sso',
  'imported',
  'recovery_codes',
  'email_otp',
  'impersonated',
  'trusted_auth_token',
];

const KNOWN_DELIVERY_METHODS = [
  'email',
  'sms',
  'whatsapp',
  'embedded',
  'oauth_google',
  'oauth_microsoft',
  'oauth_apple',
  'webauthn_registration',
  'authenticator_app',
  'oauth_github',
  'recovery_code',
  'oauth_facebook',
  'crypto_wallet',
  'oauth_amazon',
  'oauth_bitbucket',
  'oauth_coinbase',
  'oauth_discord',
  'oauth_figma',
  'oauth_gitlab',
  'oauth_instagram',
  'oauth_linkedin',
  'oauth_shopify',
  'oauth_slack',
  'oauth_snapchat',
  'oauth_spotify',
  'oauth_steam',
  'oauth_tiktok',
  'oauth_twitch',
  'oauth_twitter',
  'knowledge',
  'biometric',
  'sso_saml',
  'sso_oidc',
  'oauth_salesforce',
  'oauth_yahoo',
  'oauth_hubspot',
  'imported_auth0',
  'oauth_exchange_slack',
  'oauth_exchange_hubspot',
  'oauth_exchange_github',
  'oauth_exchange_google',
  'impersonation',
  'oauth_access_token_exchange',
  'trusted_token_exchange',
];

const codeList = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

/** Typed as a Record so adding a provider to types.ts fails tsc until it has a display name. */
const OAUTH_PROVIDER_NAMES: Record<OAuthFactorProvider | OAuthExchangeFactorProvider, string> = {
  google: 'Google',
  microsoft: 'Microsoft',
  apple: 'Apple',
  github: 'GitHub',
  facebook: 'Facebook',
  amazon: 'Amazon',
  bitbucket: 'Bitbucket',
  coinbase: 'Coinbase',
  discord: 'Discord',
  figma: 'Figma',
  git_lab: 'GitLab',
  instagram: 'Instagram',
  linked_in: 'LinkedIn',
  shopify: 'Shopify',
  slack: 'Slack',
  snapchat: 'Snapchat',
  spotify: 'Spotify',
  steam: 'Steam',
  tik_tok: 'TikTok',
  twitch: 'Twitch',
  twitter: 'Twitter',
  salesforce: 'Salesforce',
  yahoo: 'Yahoo',
  hubspot: 'HubSpot',
};

/** The SDK's factor keys split some names (`git_lab`), the delivery methods do not (`oauth_gitlab`). */
const deliveryMethodSuffix = (provider: string): string => provider.replaceAll('_', '');

export const EmailFactorRef = builder.objectRef<EmailFactor>('EmailFactor');
EmailFactorRef.implement({
  description:
    'The email address used by an email magic link (`magic_link`/`email`) or email OTP (`email_otp`/`email`) factor.',
  fields: (t) => ({
    emailId: t.exposeString('email_id', {
      description: 'Stytch id of the email address (matches `UserEmail.emailId`).',
    }),
    emailAddress: t.exposeString('email_address', { description: 'The email address.' }),
  }),
});

export const PhoneNumberFactorRef = builder.objectRef<PhoneNumberFactor>('PhoneNumberFactor');
PhoneNumberFactorRef.implement({
  description: 'The phone number used by a one-time passcode factor (`otp`/`sms` or `whatsapp`).',
  fields: (t) => ({
    phoneId: t.exposeString('phone_id', {
      description: 'Stytch id of the phone number (matches `UserPhoneNumber.phoneId`).',
    }),
    phoneNumber: t.exposeString('phone_number', {
      description: 'The phone number in E.164 format.',
    }),
  }),
});

export const OAuthFactorRef = builder.objectRef<OAuthFactor>('OAuthFactor');
OAuthFactorRef.implement({
  description:
    'The OAuth provider account used by an `oauth` factor. The same shape serves every provider; the field of `AuthenticationFactor` it sits under names the provider.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Stytch id of the OAuth registration (matches `OAuthProvider.oauthUserRegistrationId`).',
    }),
    providerSubject: t.exposeString('provider_subject', {
      description: "The user's unique id at the provider.",
    }),
    emailId: t.exposeString('email_id', {
      nullable: true,
      description:
        'Stytch id of the email address the provider returned, or null if it returned none.',
    }),
  }),
});

export const OAuthExchangeFactorRef = builder.objectRef<OAuthExchangeFactor>('OAuthExchangeFactor');
OAuthExchangeFactorRef.implement({
  description:
    "A factor obtained by exchanging a provider's OAuth token for a Stytch session (delivery method `oauth_exchange_<provider>`).",
  fields: (t) => ({
    emailId: t.exposeString('email_id', {
      description: 'Stytch id of the email address tied to the exchanged OAuth account.',
    }),
  }),
});

export const WebAuthnFactorRef = builder.objectRef<WebAuthnFactor>('WebAuthnFactor');
WebAuthnFactorRef.implement({
  description:
    'The WebAuthn authenticator or passkey used by a `webauthn`/`webauthn_registration` factor.',
  fields: (t) => ({
    webauthnRegistrationId: t.exposeString('webauthn_registration_id', {
      description:
        'Stytch id of the WebAuthn registration (matches `WebAuthnRegistration.webauthnRegistrationId`).',
    }),
    domain: t.exposeString('domain', {
      description: 'The relying-party domain the authenticator was used on.',
    }),
    userAgent: t.exposeString('user_agent', {
      nullable: true,
      description: 'User agent of the browser that authenticated, or null if unknown.',
    }),
  }),
});

export const AuthenticatorAppFactorRef =
  builder.objectRef<AuthenticatorAppFactor>('AuthenticatorAppFactor');
AuthenticatorAppFactorRef.implement({
  description: 'The TOTP registration used by a `totp`/`authenticator_app` factor.',
  fields: (t) => ({
    totpId: t.exposeString('totp_id', {
      description: 'Stytch id of the TOTP registration (matches `Totp.totpId`).',
    }),
  }),
});

export const RecoveryCodeFactorRef = builder.objectRef<RecoveryCodeFactor>('RecoveryCodeFactor');
RecoveryCodeFactorRef.implement({
  description: 'The TOTP recovery code used by a `recovery_codes`/`recovery_code` factor.',
  fields: (t) => ({
    totpRecoveryCodeId: t.exposeString('totp_recovery_code_id', {
      description: 'Stytch id of the recovery code that was consumed.',
    }),
  }),
});

export const CryptoWalletFactorRef = builder.objectRef<CryptoWalletFactor>('CryptoWalletFactor');
CryptoWalletFactorRef.implement({
  description: 'The crypto wallet used by a `crypto`/`crypto_wallet` factor.',
  fields: (t) => ({
    cryptoWalletId: t.exposeString('crypto_wallet_id', {
      description: 'Stytch id of the wallet (matches `CryptoWallet.cryptoWalletId`).',
    }),
    cryptoWalletAddress: t.exposeString('crypto_wallet_address', {
      description: 'Public address of the wallet that signed the challenge.',
    }),
    cryptoWalletType: t.exposeString('crypto_wallet_type', {
      description: 'Wallet chain, e.g. `ethereum` or `solana`.',
    }),
  }),
});

export const EmbeddableMagicLinkFactorRef = builder.objectRef<EmbeddableMagicLinkFactor>(
  'EmbeddableMagicLinkFactor',
);
EmbeddableMagicLinkFactorRef.implement({
  description:
    'An Embeddable Magic Link factor (`magic_link`/`embedded`): a token the application created with `POST /v1/magic_links` and delivered itself.',
  fields: (t) => ({
    embeddedId: t.exposeString('embedded_id', {
      description: 'Stytch id of the embeddable magic link.',
    }),
  }),
});

export const BiometricFactorRef = builder.objectRef<BiometricFactor>('BiometricFactor');
BiometricFactorRef.implement({
  description: 'The mobile biometric registration used by a `biometric` factor.',
  fields: (t) => ({
    biometricRegistrationId: t.exposeString('biometric_registration_id', {
      description:
        'Stytch id of the biometric registration (matches `BiometricRegistration.biometricRegistrationId`).',
    }),
  }),
});

export const SsoFactorRef = builder.objectRef<SSOFactor>('SsoFactor');
SsoFactorRef.implement({
  description:
    'The SSO connection used by an `sso` factor, delivered by `sso_saml` (`samlSsoFactor`) or `sso_oidc` (`oidcSsoFactor`).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stytch id of the SSO registration.' }),
    providerId: t.exposeString('provider_id', {
      description: 'Id of the SSO connection (identity provider) used.',
    }),
    externalId: t.exposeString('external_id', {
      description: "The user's id at the identity provider.",
    }),
  }),
});

export const ImpersonatedFactorRef = builder.objectRef<ImpersonatedFactor>('ImpersonatedFactor');
ImpersonatedFactorRef.implement({
  description:
    'Who is impersonating the user. An impersonated session holds exactly this one factor (`impersonated`/`impersonation`), lasts 60 minutes and cannot be extended.',
  fields: (t) => ({
    impersonatorId: t.exposeString('impersonator_id', {
      description:
        "The impersonator's Stytch Dashboard member id (not a user id of this project), for audit trails.",
    }),
    impersonatorEmailAddress: t.exposeString('impersonator_email_address', {
      description: "The impersonator's Dashboard email address.",
    }),
  }),
});

export const OAuthAccessTokenExchangeFactorRef = builder.objectRef<OAuthAccessTokenExchangeFactor>(
  'OAuthAccessTokenExchangeFactor',
);
OAuthAccessTokenExchangeFactorRef.implement({
  description:
    'A factor obtained by exchanging an OAuth access token issued to a client (`oauth_access_token_exchange`).',
  fields: (t) => ({
    clientId: t.exposeString('client_id', {
      description: 'Id of the OAuth client the exchanged access token was issued to.',
    }),
  }),
});

export const TrustedAuthTokenFactorRef =
  builder.objectRef<TrustedAuthTokenFactor>('TrustedAuthTokenFactor');
TrustedAuthTokenFactorRef.implement({
  description:
    'A factor obtained by exchanging a token from a trusted external issuer (`trusted_auth_token`/`trusted_token_exchange`).',
  fields: (t) => ({
    tokenId: t.exposeString('token_id', {
      description: 'Id of the trusted token that was exchanged.',
    }),
  }),
});

export const AuthenticationFactorRef =
  builder.objectRef<AuthenticationFactor>('AuthenticationFactor');
AuthenticationFactorRef.implement({
  description:
    'One way the user proved who they are in a session. `type` and `deliveryMethod` say which; at most one of the `*Factor` fields is set with the details (none for factors such as `password`/`knowledge`, or for kinds this API does not know yet).',
  fields: (t) => ({
    type: t.exposeString('type', {
      description: `The kind of factor. Known values today: ${codeList(KNOWN_TYPES)}. Stytch may add values at any time, so treat unknown ones gracefully.`,
    }),
    deliveryMethod: t.exposeString('delivery_method', {
      description: `How the factor was delivered or checked. Known values today: ${codeList(KNOWN_DELIVERY_METHODS)}. Stytch may add values at any time, so treat unknown ones gracefully.`,
    }),
    lastAuthenticatedAt: t.expose('last_authenticated_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When this factor was last used to authenticate in this session.',
    }),
    createdAt: t.expose('created_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When this factor was first added to the session.',
    }),
    updatedAt: t.expose('updated_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When this factor was last updated.',
    }),
    emailFactor: t.expose('email_factor', {
      type: EmailFactorRef,
      nullable: true,
      description: 'Set for email magic link and email OTP factors.',
    }),
    phoneNumberFactor: t.expose('phone_number_factor', {
      type: PhoneNumberFactorRef,
      nullable: true,
      description: 'Set for SMS and WhatsApp OTP factors.',
    }),
    ...Object.fromEntries(
      OAUTH_FACTOR_PROVIDERS.map((provider) => {
        const key = `${provider}_oauth_factor` as const;
        const field = t.field({
          type: OAuthFactorRef,
          nullable: true,
          description: `Set for ${OAUTH_PROVIDER_NAMES[provider]} OAuth factors (\`oauth\`/\`oauth_${deliveryMethodSuffix(provider)}\`).`,
          resolve: (factor) => factor[key],
        });
        return [camelCase(key), field];
      }),
    ),
    ...Object.fromEntries(
      OAUTH_EXCHANGE_FACTOR_PROVIDERS.map((provider) => {
        const key = `${provider}_oauth_exchange_factor` as const;
        const field = t.field({
          type: OAuthExchangeFactorRef,
          nullable: true,
          description: `Set when a ${OAUTH_PROVIDER_NAMES[provider]} OAuth token was exchanged for the session (\`oauth_exchange_${deliveryMethodSuffix(provider)}\`).`,
          resolve: (factor) => factor[key],
        });
        return [camelCase(key), field];
      }),
    ),
    webauthnFactor: t.expose('webauthn_factor', {
      type: WebAuthnFactorRef,
      nullable: true,
      description: 'Set for WebAuthn / passkey factors.',
    }),
    authenticatorAppFactor: t.expose('authenticator_app_factor', {
      type: AuthenticatorAppFactorRef,
      nullable: true,
      description: 'Set for TOTP (authenticator app) factors.',
    }),
    recoveryCodeFactor: t.expose('recovery_code_factor', {
      type: RecoveryCodeFactorRef,
      nullable: true,
      description: 'Set for TOTP recovery code factors.',
    }),
    cryptoWalletFactor: t.expose('crypto_wallet_factor', {
      type: CryptoWalletFactorRef,
      nullable: true,
      description: 'Set for crypto wallet factors.',
    }),
    embeddableMagicLinkFactor: t.expose('embeddable_magic_link_factor', {
      type: EmbeddableMagicLinkFactorRef,
      nullable: true,
      description: 'Set for Embeddable Magic Link factors (`magic_link`/`embedded`).',
    }),
    biometricFactor: t.expose('biometric_factor', {
      type: BiometricFactorRef,
      nullable: true,
      description: 'Set for mobile biometric factors.',
    }),
    samlSsoFactor: t.expose('saml_sso_factor', {
      type: SsoFactorRef,
      nullable: true,
      description: 'Set for SAML SSO factors (`sso`/`sso_saml`).',
    }),
    oidcSsoFactor: t.expose('oidc_sso_factor', {
      type: SsoFactorRef,
      nullable: true,
      description: 'Set for OIDC SSO factors (`sso`/`sso_oidc`).',
    }),
    impersonatedFactor: t.expose('impersonated_factor', {
      type: ImpersonatedFactorRef,
      nullable: true,
      description:
        'Set when a Stytch Dashboard member is impersonating the user (`impersonated`/`impersonation`).',
    }),
    oauthAccessTokenExchangeFactor: t.expose('oauth_access_token_exchange_factor', {
      type: OAuthAccessTokenExchangeFactorRef,
      nullable: true,
      description: 'Set for OAuth access token exchange factors (`oauth_access_token_exchange`).',
    }),
    trustedAuthTokenFactor: t.expose('trusted_auth_token_factor', {
      type: TrustedAuthTokenFactorRef,
      nullable: true,
      description:
        'Set for trusted auth token factors (`trusted_auth_token`/`trusted_token_exchange`).',
    }),
  }),
});
