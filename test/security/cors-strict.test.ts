import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../helpers/gateway.js';

/**
 * An origin that is not listed gets no Access-Control-Allow-Origin at all, with one listed origin
 * or several. yoga's own list handling answered the one listed origin to everybody, and `null` to
 * unlisted origins when several were listed: with credentials, a sandboxed iframe or a `data:`
 * document (whose origin is `null`) could then read the viewer.
 */
const QUERY = JSON.stringify({ query: '{ __typename }' });
const UNLISTED = ['https://evil.test', 'https://app.example.com.evil.test', 'null'];

for (const listed of [
  ['https://app.example.com'],
  ['https://app.example.com', 'https://admin.example.com'],
]) {
  describe(`strict: CORS_ORIGINS=${listed.join(',')}`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ env: { CORS_ORIGINS: listed.join(',') } });
    });
    afterAll(() => stack.stop());

    it('an unlisted origin (and null) gets no Access-Control-Allow-Origin at all', async () => {
      for (const origin of UNLISTED) {
        for (const method of ['OPTIONS', 'POST']) {
          const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
            method,
            headers:
              method === 'OPTIONS'
                ? { origin, 'access-control-request-method': 'POST' }
                : { origin, 'content-type': 'application/json' },
            ...(method === 'POST' ? { body: QUERY } : {}),
          });
          await res.arrayBuffer();
          expect(
            [
              res.headers.get('access-control-allow-origin'),
              res.headers.get('access-control-allow-credentials'),
            ],
            `${method} from ${origin}`,
          ).toEqual([null, null]);
        }
      }
    });

    it('each listed origin gets exactly itself back, with credentials', async () => {
      for (const origin of listed) {
        const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
        expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      }
    });
  });
}
