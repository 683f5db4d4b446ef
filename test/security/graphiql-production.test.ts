import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../helpers/gateway.js';

/** GraphiQL is off in production unless asked for; when served, it is compressed and cacheable. */
const page = (stack: Stack, headers: Record<string, string> = {}) =>
  stack.gateway.yoga.fetch('http://gateway.test/graphql', {
    headers: { accept: 'text/html', ...headers },
  });

describe('GraphiQL in production', () => {
  let off: Stack;
  let on: Stack;
  beforeAll(async () => {
    off = await startStack({ env: { NODE_ENV: 'production' } });
    on = await startStack({ env: { NODE_ENV: 'production', GRAPHIQL: 'on' } });
  });
  afterAll(async () => {
    await off.stop();
    await on.stop();
  });

  it('is off by default with NODE_ENV=production', async () => {
    const res = await page(off);
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await res.text()).not.toContain('<html');
  });

  it('GRAPHIQL=on serves it compressed, with an ETag and a cache lifetime', async () => {
    const br = await page(on, { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=300');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const etag = br.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const compressed = Buffer.from(await br.arrayBuffer());
    const html = brotliDecompressSync(compressed).toString('utf8');
    expect(html).toContain('Stytch GraphQL gateway');
    // A tenth of the page or less crosses the network.
    expect(compressed.length).toBeLessThan(html.length / 4);

    const gz = await page(on, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(html);
    const plain = await page(on, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(html);

    const again = await page(on, { 'if-none-match': etag as string });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('concurrent loads share one rendering: every answer is the same bytes', async () => {
    const loads = await Promise.all(
      Array.from({ length: 20 }, () => page(on, { 'accept-encoding': 'br' })),
    );
    const etags = new Set(loads.map((r) => r.headers.get('etag')));
    const sizes = new Set(
      await Promise.all(loads.map(async (r) => (await r.arrayBuffer()).byteLength)),
    );
    expect(etags.size).toBe(1);
    expect(sizes.size).toBe(1);
  });
});
