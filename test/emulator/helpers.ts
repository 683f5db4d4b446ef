/**
 * Plain-HTTP access to an emulator for the rule tests: every call goes over loopback, so the
 * routing, auth and JSON of the real server are under test too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { expect } from 'vitest';
import type { Clock, Emulator } from '../../src/emulator/index.js';
import type { JsonObject } from '../../src/stytch/types.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface Reply<T = JsonObject> {
  status: number;
  body: T & JsonObject;
}

export function emulatorHttp(emulator: Emulator) {
  const auth = `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`;
  async function call<T = JsonObject>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Reply<T>> {
    const res = await request(new URL(path, emulator.url), {
      method,
      headers:
        body === undefined
          ? { authorization: auth }
          : { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: res.statusCode, body: (await res.body.json()) as T & JsonObject };
  }
  return {
    post: <T = JsonObject>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    get: <T = JsonObject>(path: string) => call<T>('GET', path),
  };
}

export function expectError<T>(reply: Reply<T>, status: number, errorType: string): void {
  expect(reply.body).toMatchObject({ status_code: status, error_type: errorType });
  expect(reply.status).toBe(status);
}

export function expectOk<T>(reply: Reply<T>): void {
  expect(reply.body.error_type).toBeUndefined();
  expect(reply.status).toBe(200);
}

/** Time that moves only when told to, so timestamps can be compared exactly. */
export function frozenClock(start: number): Clock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

let seq = 0;

/** A fresh address per call, so tests sharing an emulator never collide. */
export function uniqueEmail(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}-${randomBytes(3).toString('hex')}@example.com`;
}

/** A fresh E.164 number in the +1 555 range. */
export function uniquePhone(): string {
  seq += 1;
  return `+1555${String(seq).padStart(7, '0')}`;
}

const WORDS = ['tidal', 'ember', 'compass', 'quartz', 'meadow', 'falcon', 'lantern', 'orbit'];

/**
 * A fresh password zxcvbn rates 4 and no breach list holds. Words, not hex: zxcvbn takes ~0.4 s
 * over a long hex run, ~20 ms over this.
 */
export function strongPassword(): string {
  seq += 1;
  const word = (i: number) => WORDS[(seq + i) % WORDS.length];
  return `${word(0)}-${word(3)}-${word(5)}-${seq}`;
}
