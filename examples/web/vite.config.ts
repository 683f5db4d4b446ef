import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The example's Vite config, for a gateway at `gatewayUrl`. The page and `/graphql` share one
 * origin through the proxy, as they would behind a production reverse proxy: the session cookies
 * need no CORS, and SameSite=Lax holds. `/dev/mailbox` goes to the gateway too: a development
 * gateway serves its mailbox there (any other answers 404).
 */
export function webConfig(gatewayUrl: string): UserConfig {
  const proxy = { '/graphql': { target: gatewayUrl }, '/dev/mailbox': { target: gatewayUrl } };
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    clearScreen: false,
    server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
    build: { outDir: 'dist', emptyOutDir: true },
  };
}

export default defineConfig(webConfig(process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000'));
