/**
 * `npm run soak:documents`: memory under a flood of distinct documents. The built gateway (its own
 * process, with the flags of `npm run start:prod`) receives 10,000 distinct documents of ~35 KB
 * each, that every limit lets through to the parse and validation caches: a 30 KB string argument
 * makes each one big without many tokens. Its RSS is read from /proc as they arrive. Run twice in one go: with
 * the default DOCUMENT_CACHE_BYTES, and with a cache so large it never evicts (what yoga's own
 * 1,024-entry cache does with documents this size), for comparison.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { mib, rssBytes, startService } from './lib/processes.js';
import { buildGateway, startProductionGateway } from './lib/production.js';

const DOCUMENTS = Number(process.env['SOAK_DOCUMENTS'] ?? 10_000);
const CONCURRENCY = 8;

buildGateway('soak:documents');
const stand = await startService('scripts/bench/stand-in.ts', {}, /stand-in ready: (\S+) (\S+)/);

async function run(label: string, env: Record<string, string>) {
  const gateway = await startProductionGateway(stand.match[1] ?? '', env);
  const url = new URL(gateway.match[1] ?? '');
  const pool = new Pool(url.origin, { connections: CONCURRENCY });
  const samples: Array<[number, number]> = [[0, rssBytes(gateway.pid)]];
  let next = 0;
  let unexpected = 0;
  const worker = async () => {
    while (next < DOCUMENTS) {
      const i = next++;
      // Distinct text, few tokens: the argument is one 30 KB string.
      const id = `${i}-${randomBytes(15_000).toString('hex')}`;
      const res = await pool.request({
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ user(id: "${id}") { id emails { email } } }` }),
      });
      const text = await res.body.text();
      // Refused at execution (no API key): it was parsed, validated and cached first.
      if (!text.includes('FORBIDDEN')) {
        unexpected++;
      }
      if ((i + 1) % 1000 === 0) {
        samples.push([i + 1, rssBytes(gateway.pid)]);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await pool.close();
  await gateway.stop();
  const rss = samples.map(([, bytes]) => bytes);
  process.stdout.write(
    `\n${label}: RSS by documents sent (every 1,000)\n  ${samples.map(([n, b]) => `${n}: ${mib(b)}`).join('\n  ')}\n` +
      `  growth from 2,000 to ${DOCUMENTS}: ${mib((rss.at(-1) ?? 0) - (rss[2] ?? 0))}; peak ${mib(Math.max(...rss))}` +
      `${unexpected ? `; ${unexpected} answers were not the expected FORBIDDEN` : ''}\n`,
  );
}

await run('default DOCUMENT_CACHE_BYTES (16 MiB)', {});
await run('no effective bound (DOCUMENT_CACHE_BYTES=4 GiB)', {
  DOCUMENT_CACHE_BYTES: String(4 * 1024 ** 3),
});
await stand.stop();
