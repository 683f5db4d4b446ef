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

/**
 * One address as the gateway compares and counts it: an IPv4 client on a dual-stack socket shows up
 * as ::ffff:a.b.c.d, and proxies write X-Forwarded-For hops with ports (`203.0.113.7:51234`,
 * `[2001:db8::1]:443`) or IPv6 in brackets.
 */
export function normaliseAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) {
    address = bracketed[1];
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) {
    address = address.slice(0, address.lastIndexOf(':'));
  }
  address = address.toLowerCase();
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) => {
    if (part === '') {
      return [];
    }
    const groups: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
        groups.push((a << 8) | b, (c << 8) | d);
      } else {
        groups.push(Number.parseInt(piece, 16));
      }
    }
    return groups;
  };
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * What the per-IP limit counts: an IPv4 address, or the /64 network of an IPv6 one. A single IPv6
 * customer usually holds a whole /64 and can send from a new address on every request.
 */
export function rateLimitKey(ip: string): string {
  if (isIP(ip) !== 6) {
    return ip;
  }
  const prefix = ipv6Groups(ip)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':');
  return `${prefix}::/64`;
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
    let ip = peer ? normaliseAddress(peer) : null;
    if (ip && isTrusted(ip)) {
      const hops = (request.headers.get('x-forwarded-for') ?? '')
        .split(',')
        .map(normaliseAddress)
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
