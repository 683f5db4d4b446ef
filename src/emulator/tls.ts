import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/**
 * A throwaway self-signed certificate made at start, never written to disk. Clients trust it by
 * passing `cert` as their CA. Modern TLS clients ignore the common name, hence the SANs.
 */
export async function selfSignedCertificate(host: string): Promise<TlsMaterial> {
  const altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }> = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (isIP(host) && host !== '127.0.0.1' && host !== '::1') {
    altNames.push({ type: 7, ip: host });
  } else if (!isIP(host) && host !== 'localhost') {
    altNames.push({ type: 2, value: host });
  }
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 7 * 24 * 60 * 60_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
