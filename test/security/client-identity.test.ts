import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionlessMagicLinkAuth } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';

/**
 * Which address the gateway takes for the client, observed where it matters: the IP it hands
 * Stytch in the sign-in's attributes (and counts rate limits against).
 */
describe('the client IP behind trusted proxies', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { TRUSTED_PROXIES: '10.0.0.0/8,192.168.7.7,fd00::/8' } });
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    stack.stand.reset();
    stack.stand.on('POST', '/v1/magic_links/authenticate', stytchSuccess(sessionlessMagicLinkAuth));
  });

  /** Signs in from socket peer `peer` with the given X-Forwarded-For; returns the IP Stytch got. */
  async function ipSeenFrom(peer: string, forwardedFor?: string): Promise<unknown> {
    const res = await stack.gateway.yoga.fetch(
      'http://gateway.test/graphql',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
        },
        body: JSON.stringify({
          query: 'mutation { authenticateMagicLink(input: {token: "t"}) { userId } }',
        }),
      },
      { req: { socket: { remoteAddress: peer } } },
    );
    expect((await res.json()).errors).toBeUndefined();
    const sent = stack.stand.requests.at(-1)?.body as { attributes?: { ip_address?: string } };
    return sent.attributes?.ip_address;
  }

  it('an untrusted peer is the client, whatever X-Forwarded-For claims', async () => {
    expect(await ipSeenFrom('198.51.100.8', '203.0.113.1')).toBe('198.51.100.8');
    expect(await ipSeenFrom('198.51.100.8', '10.0.0.1')).toBe('198.51.100.8');
    // Just outside a trusted single address.
    expect(await ipSeenFrom('192.168.7.8', '203.0.113.1')).toBe('192.168.7.8');
  });

  it('behind a trusted proxy, the nearest untrusted hop is the client: not a hop the client wrote', async () => {
    expect(await ipSeenFrom('10.0.0.5', '203.0.113.20')).toBe('203.0.113.20');
    // The client's own header is on the left; the proxy appended the real address.
    expect(await ipSeenFrom('10.0.0.5', '1.2.3.4, 203.0.113.21')).toBe('203.0.113.21');
  });

  it('trusted hops between the client and the gateway are skipped', async () => {
    expect(await ipSeenFrom('10.0.0.5', '1.2.3.4, 203.0.113.22, 10.9.8.7')).toBe('203.0.113.22');
    expect(await ipSeenFrom('10.0.0.5', '203.0.113.23, 192.168.7.7, 10.1.1.1')).toBe(
      '203.0.113.23',
    );
    expect(await ipSeenFrom('fd00::1', '2001:db8::99, fd12::3')).toBe('2001:db8::99');
  });

  it('an IPv4 peer on a dual-stack socket is matched as IPv4', async () => {
    expect(await ipSeenFrom('::ffff:10.0.0.5', '203.0.113.24')).toBe('203.0.113.24');
    expect(await ipSeenFrom('::ffff:198.51.100.9', '203.0.113.25')).toBe('198.51.100.9');
  });

  it('a hop that is no IP address is not taken for the client', async () => {
    expect(await ipSeenFrom('10.0.0.5', '203.0.113.26, unknown')).toBe('203.0.113.26');
    expect(await ipSeenFrom('10.0.0.5', 'not-an-ip')).toBe('10.0.0.5');
  });
});
