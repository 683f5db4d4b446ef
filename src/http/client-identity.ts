import { BlockList, isIP } from 'node:net';

/** Who is calling, as far as the gateway can tell: for rate limits and Stytch's attributes. */
export interface ClientIdentity {
  ip: string | null;
  userAgent: string | null;
}

/** The parts of yoga's server context that carry the socket (present under node:http). */
export interface ServerContext {
  req?: { socket?: { remoteAddress?: string | undefined } };
}

function normalise(address: string): string {
  // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The client IP is the socket's peer, unless that peer is one of the configured trusted proxies:
 * then X-Forwarded-For is read from the right, skipping trusted hops, and the first untrusted
 * address is the client. Anyone can send the header, so it is never believed from elsewhere.
 */
export function createClientIdentity(trustedProxies: readonly string[]) {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) {
      trusted.addAddress(address, family);
    } else {
      trusted.addSubnet(address, Number(bits), family);
    }
  }
  const isTrusted = (address: string) => {
    if (trustedProxies.length === 0) {
      return false;
    }
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };

  return (request: Request, server: ServerContext): ClientIdentity => {
    const peer = server.req?.socket?.remoteAddress;
    let ip = peer ? normalise(peer) : null;
    if (ip && isTrusted(ip)) {
      const hops = (request.headers.get('x-forwarded-for') ?? '')
        .split(',')
        .map((hop) => normalise(hop.trim()))
        .filter((hop) => isIP(hop) !== 0);
      for (let i = hops.length - 1; i >= 0; i--) {
        ip = hops[i] as string;
        if (!isTrusted(ip)) {
          break;
        }
      }
    }
    return { ip, userAgent: request.headers.get('user-agent') };
  };
}
