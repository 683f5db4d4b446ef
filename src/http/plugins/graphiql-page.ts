import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { type GatewayGraphiQLOptions, withStorageGeneration } from '../graphiql.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

type Encoding = 'br' | 'gzip' | 'identity';

interface PerRunPage {
  html: Buffer<ArrayBuffer>;
  gzip(): ReturnType<typeof gzipAsync>;
}

interface Page {
  etag: string;
  bodies: Partial<Record<Encoding, Uint8Array>>;
}

/** The encodings a browser accepts, best first (q=0 means "not this one"). */
function preferredEncoding(acceptEncoding: string | null, offered: Encoding[]): Encoding {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name?.trim().toLowerCase()),
  );
  return offered.find((e) => e !== 'identity' && accepted.has(e)) ?? 'identity';
}

/**
 * Serves GraphiQL for browsers on GET /graphql, in place of yoga's renderer. yoga's page inlines
 * the whole editor (~9 MB of HTML), rendered and sent uncompressed on every load: fifty loads at
 * once kept the event loop busy for seconds. Here a page that does not change is rendered and
 * compressed once, off the event loop (zlib's thread pool), and served compressed with an ETag
 * and a cache lifetime; a per-load page (development: it carries the development API key and the
 * run's storage generation) is not cacheable and is compressed with the fastest setting.
 */
export function useGraphiQLPage(
  options: GatewayGraphiQLOptions | ((request: Request) => Promise<GatewayGraphiQLOptions>),
): Plugin {
  const render = async ({ storageGeneration, ...opts }: GatewayGraphiQLOptions) => {
    const html = (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(opts);
    return storageGeneration === undefined ? html : withStorageGeneration(html, storageGeneration);
  };
  let shared: Promise<Page> | null = null;
  const staticPage = async (opts: GatewayGraphiQLOptions): Promise<Page> => {
    const html = Buffer.from(await render(opts));
    const [br, gz] = await Promise.all([
      brotliAsync(html, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: html.length,
        },
      }),
      gzipAsync(html, { level: 9 }),
    ]);
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    return { etag, bodies: { br, gzip: gz, identity: html } };
  };

  // A development page is the same for every load of a run (the function hands out one options
  // object per run): rendered once per options object, and gzipped on the first load that asks.
  const perRun = new WeakMap<GatewayGraphiQLOptions, Promise<PerRunPage>>();
  const perRunPage = (opts: GatewayGraphiQLOptions): Promise<PerRunPage> => {
    let page = perRun.get(opts);
    if (!page) {
      page = render(opts).then((text) => {
        const html = Buffer.from(text);
        let gzipped: ReturnType<typeof gzipAsync> | null = null;
        return { html, gzip: () => (gzipped ??= gzipAsync(html, { level: 1 })) };
      });
      perRun.set(opts, page);
      page.catch(() => perRun.delete(opts));
    }
    return page;
  };

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (
        request.method !== 'GET' ||
        (url.pathname !== '/graphql' && url.pathname !== '/graphql/') ||
        !request.headers.get('accept')?.includes('text/html')
      ) {
        return undefined;
      }
      const acceptEncoding = request.headers.get('accept-encoding');
      if (typeof options !== 'function') {
        shared ??= staticPage(options).catch((error: unknown) => {
          shared = null;
          throw error;
        });
        return shared.then((page) => {
          const headers = {
            etag: page.etag,
            'cache-control': 'public, max-age=300',
            vary: 'accept-encoding',
          };
          if (request.headers.get('if-none-match') === page.etag) {
            endResponse(new fetchAPI.Response(null, { status: 304, headers }));
            return;
          }
          const encoding = preferredEncoding(acceptEncoding, ['br', 'gzip', 'identity']);
          endResponse(
            new fetchAPI.Response(page.bodies[encoding] as unknown as BodyInit, {
              headers: {
                ...headers,
                'content-type': 'text/html; charset=utf-8',
                ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
              },
            }),
          );
        });
      }
      return options(request)
        .then(perRunPage)
        .then(async (page) => {
          const encoding = preferredEncoding(acceptEncoding, ['gzip', 'identity']);
          const body = encoding === 'gzip' ? await page.gzip() : page.html;
          endResponse(
            new fetchAPI.Response(body, {
              headers: {
                'content-type': 'text/html; charset=utf-8',
                // This run's development key and storage generation: never from a cache.
                'cache-control': 'no-store',
                vary: 'accept-encoding',
                ...(encoding === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
              },
            }),
          );
        });
    },
  };
}
