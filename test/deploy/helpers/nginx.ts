import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../helpers/free-port.js';
import { ROOT } from './build.js';
import { baseEnv, type Proc, startProcess } from './process.js';

/** Debian's nginx package, which .ci/run installs. */
const NGINX = '/usr/sbin/nginx';
export const TEMPLATE = join(ROOT, 'deploy/nginx.conf');

/** The placeholders of deploy/nginx.conf, as docs/operations.md has envsubst fill them in. */
export const TEMPLATE_VARIABLES = ['NGINX_LISTEN', 'GATEWAY_SERVERS'] as const;

const inCI = ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());

/** Skipped only on a developer machine without nginx; in CI a missing nginx fails the test. */
export const skipNginxTests = !existsSync(NGINX) && !inCI;

/** The recommended `server` line for one instance (passive health: out for 2 s after a failure). */
function serverLine(port: number): string {
  return `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`;
}

/** deploy/nginx.conf rendered by envsubst, exactly as the documented command renders it. */
async function renderTemplate(
  values: Record<(typeof TEMPLATE_VARIABLES)[number], string>,
): Promise<string> {
  const child = spawn('envsubst', [TEMPLATE_VARIABLES.map((name) => `\${${name}}`).join(' ')], {
    env: { ...baseEnv(), ...values },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  const closed = new Promise<number | null>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('envsubst is missing: apt-get install gettext-base (.ci/run installs it)')
          : error,
      ),
    );
    child.once('close', resolve);
  });
  child.stdin.end(await readFile(TEMPLATE));
  const code = await closed;
  if (code !== 0) {
    throw new Error(`envsubst exited with ${code}: ${err}`);
  }
  return out;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Nginx {
  proc: Proc;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The rendered deploy/nginx.conf. */
  site: string;
  /** One line per request: `request_id status upstream_addr upstream_status`. */
  accessLog(): Promise<string[]>;
  /** nginx's error log: why an upstream attempt failed. */
  errorLog(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * nginx in the foreground (`daemon off`) on 127.0.0.1, with everything it writes in a temporary
 * directory. The main configuration is the test's own; the site inside `http { }` is
 * deploy/nginx.conf, rendered by envsubst as an operator renders it.
 */
export async function startNginx(gatewayPorts: number[]): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-nginx-'));
  // Worker processes drop to an unprivileged user when nginx starts as root: let them in.
  await chmod(dir, 0o755);
  const port = await freePort();
  const site = await renderTemplate({
    NGINX_LISTEN: `127.0.0.1:${port}`,
    GATEWAY_SERVERS: gatewayPorts.map(serverLine).join('\n    '),
  });
  await writeFile(join(dir, 'stytch-gateway.conf'), site);
  const main = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log notice;
events { worker_connections 1024; }
http {
  log_format upstreams '$http_x_request_id $status $upstream_addr $upstream_status';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/stytch-gateway.conf;
}
`;
  await writeFile(join(dir, 'nginx.conf'), main);
  const proc = startProcess(
    'nginx',
    NGINX,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    { cwd: dir, env: baseEnv() },
  );
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || proc.child.exitCode !== null) {
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      await proc.stop('SIGKILL');
      throw new Error(`nginx did not start:\n${proc.output()}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    proc,
    origin: `http://127.0.0.1:${port}`,
    site,
    async accessLog() {
      return (await readFile(join(dir, 'access.log'), 'utf8')).split('\n').filter(Boolean);
    },
    async errorLog() {
      return (await readFile(join(dir, 'error.log'), 'utf8')).split('\n').filter(Boolean);
    },
    async stop() {
      // SIGQUIT: graceful, like `nginx -s quit`.
      await proc.stop('SIGQUIT');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
