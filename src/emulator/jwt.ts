import { type CryptoKey, compactVerify, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JsonObject, JWK } from '../stytch/types.js';
import { ids } from './ids.js';
import { isObject } from './validate.js';

/** A session JWT lives five minutes whatever the session's own length. */
export const JWT_LIFETIME_SECONDS = 300;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = ids.jwk();
  const { kty, n, e } = await exportJWK(publicKey);
  return {
    kid,
    privateKey,
    publicKey,
    // The exact JWK shape Stytch's JWKS endpoint serves, empty x5c/x5tS256 included.
    jwk: {
      kty: kty ?? 'RSA',
      use: 'sig',
      alg: 'RS256',
      kid,
      n: n ?? '',
      e: e ?? '',
      key_ops: ['verify'],
      x5c: [],
      x5tS256: '',
    },
  };
}

/**
 * The project's signing keys. Signing always uses the newest key; verification and the JWKS keep
 * older ones, as Stytch does for a month after a rotation, so clients can be tested mid-rotation.
 */
export class KeyRing {
  private keys: SigningKey[];

  private constructor(first: SigningKey) {
    this.keys = [first];
  }

  static async create(): Promise<KeyRing> {
    return new KeyRing(await newKey());
  }

  get currentKid(): string {
    return this.current().kid;
  }

  /** Adds a new signing key; `keepPrevious: false` also drops the old ones from the JWKS. */
  async rotate(keepPrevious = true): Promise<string> {
    const key = await newKey();
    this.keys = keepPrevious ? [key, ...this.keys] : [key];
    return key.kid;
  }

  jwks(): JWK[] {
    return this.keys.map((k) => ({ ...k.jwk, key_ops: [...k.jwk.key_ops], x5c: [] }));
  }

  /** Signs `claims` with the standard claims set from `iatSeconds`, which comes from the emulator clock. */
  sign(
    claims: JsonObject,
    standard: { issuer: string; audience: string; subject: string; iatSeconds: number },
  ): Promise<string> {
    const key = this.current();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(standard.issuer)
      .setAudience([standard.audience])
      .setSubject(standard.subject)
      .setIssuedAt(standard.iatSeconds)
      .setNotBefore(standard.iatSeconds)
      .setExpirationTime(standard.iatSeconds + JWT_LIFETIME_SECONDS)
      .sign(key.privateKey);
  }

  /**
   * Checks only the signature (by `kid`) and returns the payload. Time claims are the caller's
   * business: sessions/authenticate accepts a JWT past its `exp` while the session lives.
   */
  async verifySignature(jwt: string): Promise<JsonObject | null> {
    try {
      const { payload } = await compactVerify(jwt, async (header) => {
        const key = this.keys.find((k) => k.kid === header.kid);
        if (!key || header.alg !== 'RS256') {
          throw new Error('unknown key');
        }
        return key.publicKey;
      });
      const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
      return isObject(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  private current(): SigningKey {
    const key = this.keys[0];
    if (!key) {
      throw new Error('key ring is empty');
    }
    return key;
  }
}
