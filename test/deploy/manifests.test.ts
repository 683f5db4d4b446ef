import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { ROOT } from './helpers/build.js';
import { TEMPLATE, TEMPLATE_VARIABLES } from './helpers/nginx.js';

/**
 * What can be checked of the deployment files without a Docker engine or a cluster: they parse,
 * the gateway's own configuration check accepts the settings they give it, and the ports, probes,
 * names and selectors that must agree do agree. The runtime side (the image's install steps, the
 * drain, nginx) is proven by package.test.ts and load-balancer.test.ts.
 */

type Doc = Record<string, any>;

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function yamlDocs(path: string): Doc[] {
  return parseAllDocuments(read(path)).map((doc) => {
    expect(doc.errors, path).toEqual([]);
    return doc.toJS() as Doc;
  });
}

/** Stand-ins for the Secret's values: a live project, as production runs. */
const CREDENTIALS = {
  STYTCH_PROJECT_ID: 'project-live-00000000-0000-4000-8000-000000000000',
  STYTCH_SECRET: 'secret-live-stand-in-0123456789',
};

/** Dockerfile instructions of the last stage, continuation lines joined. */
function dockerfile() {
  const lines = read('deploy/Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: string[][] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) {
      stages.push([]);
    }
    stages.at(-1)?.push(line);
  }
  const args = Object.fromEntries(
    lines
      .filter((line) => line.startsWith('ARG '))
      .map((line) => line.slice(4).split('=') as [string, string]),
  );
  return { lines, stages, args };
}

function dockerEnv(instructions: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of instructions.filter((l) => l.startsWith('ENV '))) {
    for (const [, name, value] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) {
      env[name as string] = value as string;
    }
  }
  return env;
}

/** `^X.Y.Z` ranges only: the form package.json `engines` uses. */
function satisfies(version: string, range: string): boolean {
  return range.split('||').some((part) => {
    const [major, minor, patch] = part.trim().replace(/^\^/, '').split('.').map(Number);
    const [vMajor, vMinor, vPatch] = version.replace(/^v/, '').split('.').map(Number);
    return (
      vMajor === major &&
      ((vMinor as number) > (minor as number) ||
        (vMinor === minor && (vPatch as number) >= (patch as number)))
    );
  });
}

describe('supported Node releases', () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const others = /^OTHER_NODES=\(([^)]*)\)/m.exec(read('.ci/run'))?.[1]?.trim().split(/\s+/) ?? [];

  it('engines lists exactly the release lines .ci/run tests, from the versions it tests', () => {
    expect(others.length).toBeGreaterThan(0);
    const ranges = engines.split('||').map((r) => r.trim());
    for (const version of others) {
      expect(ranges).toContain(`^${version}`);
    }
    // The machine's own Node (20) is the one line not downloaded.
    const lines = ranges.map((r) => r.replace(/^\^/, '').split('.')[0]).sort();
    expect(lines).toEqual(['20', ...others.map((v) => v.split('.')[0])].sort());
  });

  it(`the Node running this suite (${process.version}) is one engines accepts`, () => {
    expect(satisfies(process.version, engines)).toBe(true);
  });

  it('child processes in the tests and scripts run on the Node under test, never `node` from PATH', () => {
    const sources = ['test', 'scripts'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
        .map((entry) => join(entry.parentPath, entry.name)),
    );
    expect(sources.length).toBeGreaterThan(20);
    const hardCoded = sources.filter((file) =>
      /\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)\(\s*['"`](?:node|npx|tsx)\b/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(hardCoded).toEqual([]);
  });

  it('the image is built on the Node 24 release that is tested', () => {
    const { args, stages } = dockerfile();
    expect(others).toContain(args['NODE_VERSION']);
    expect(args['NODE_VERSION']?.startsWith('24.')).toBe(true);
    for (const stage of stages) {
      expect(stage[0]).toMatch(/^FROM node:\$\{NODE_VERSION\}-slim( AS \w+)?$/);
    }
  });
});

describe('deploy/Dockerfile', () => {
  const { stages, lines } = dockerfile();
  const runtime = stages.at(-1) as string[];
  const env = dockerEnv(runtime);

  it('runs the production install as an unprivileged user, Node as PID 1, with a health check on the admin port', () => {
    expect(env['NODE_ENV']).toBe('production');
    const config = loadConfig({ ...env, ...CREDENTIALS });
    expect(config.adminPort).not.toBeNull();
    expect(runtime).toContain(`EXPOSE ${config.port} ${config.adminPort}`);
    const user = runtime.find((l) => l.startsWith('USER '))?.slice(5) ?? '';
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    const health = runtime.find((l) => l.startsWith('HEALTHCHECK ')) ?? '';
    expect(health).toContain("'http://127.0.0.1:' + process.env.ADMIN_PORT + '/healthz'");
    expect(runtime.at(-1)).toBe(
      'CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=50", "dist/main.js"]',
    );
    // Only production dependencies, at the lockfile's versions, from the packed tarball.
    const install = stages.find((s) => s[0]?.endsWith(' AS install')) ?? [];
    expect(install.join('\n')).toMatch(/tar -xzf \/tmp\/package\.tgz[^\n]*npm ci --omit=dev/);
    expect(runtime).toContain('COPY --from=install /app /app');
  });

  it('copies files that exist', () => {
    for (const line of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from'))) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), source).toBe(true);
      }
    }
  });
});

describe('deploy/kubernetes', () => {
  const dir = 'deploy/kubernetes';
  const files = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.yaml'));
  const docs = files
    .filter((f) => f !== 'kustomization.yaml')
    .flatMap((f) => yamlDocs(`${dir}/${f}`));
  const find = (kind: string, name: string) => {
    const doc = docs.find((d) => d['kind'] === kind && d['metadata']?.['name'] === name);
    expect(doc, `${kind} ${name}`).toBeDefined();
    return doc as Doc;
  };
  const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
    Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

  const configMap = find('ConfigMap', 'stytch-gateway');
  const deployment = find('Deployment', 'stytch-gateway');
  const pod = deployment['spec']['template'];
  const container = pod['spec']['containers'][0];
  const settings = configMap['data'] as Record<string, string>;
  const config = loadConfig({ ...settings, ...CREDENTIALS });
  const portNamed = (name: string) =>
    (container['ports'] as Doc[]).find((p) => p['name'] === name)?.['containerPort'];

  it('kustomization.yaml applies every manifest', () => {
    const [kustomization] = yamlDocs(`${dir}/kustomization.yaml`) as [Doc];
    expect([...(kustomization['resources'] as string[])].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml').sort(),
    );
  });

  it("the ConfigMap's settings pass the gateway's own configuration check, as production", () => {
    expect(config.production).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(config.adminPort).not.toBeNull();
    expect(config.rateLimit.redisUrl).not.toBeNull();
    expect(config.trustedProxies.length).toBeGreaterThan(0);
    // Longer than ingress-nginx's default upstream keep-alive (60 s), as the ConfigMap says.
    expect(config.server.keepAliveTimeoutMs).toBeGreaterThan(60_000);
  });

  it('the container ports are the configured ports; every probe asks the admin port', () => {
    expect(portNamed('http')).toBe(config.port);
    expect(portNamed('admin')).toBe(config.adminPort);
    expect(container['readinessProbe']['httpGet']).toEqual({ path: '/readyz', port: 'admin' });
    expect(container['livenessProbe']['httpGet']).toEqual({ path: '/healthz', port: 'admin' });
    expect(container['startupProbe']['httpGet']).toEqual({ path: '/healthz', port: 'admin' });
    expect(pod['metadata']['annotations']['prometheus.io/port']).toBe(String(config.adminPort));
  });

  it('the Stytch credentials come from a Secret, the rest from the ConfigMap', () => {
    const env = container['env'] as Doc[];
    for (const name of ['STYTCH_PROJECT_ID', 'STYTCH_SECRET']) {
      const entry = env.find((e) => e['name'] === name);
      expect(entry?.['value'], name).toBeUndefined();
      expect(entry?.['valueFrom']?.['secretKeyRef']?.['name']).toBe('stytch-gateway-credentials');
    }
    expect(container['envFrom']).toEqual([{ configMapRef: { name: 'stytch-gateway' } }]);
    expect(Object.keys(settings).some((k) => k.startsWith('STYTCH_'))).toBe(false);
  });

  it('Kubernetes waits for the whole drain before SIGKILL', () => {
    const grace = pod['spec']['terminationGracePeriodSeconds'] as number;
    expect(grace * 1000).toBeGreaterThan(config.shutdown.delayMs + config.shutdown.timeoutMs);
    expect(config.shutdown.delayMs).toBeGreaterThan(0);
  });

  it('runs as the image user, never root', () => {
    const uid = Number(/^USER (\d+):/m.exec(read('deploy/Dockerfile'))?.[1]);
    expect(pod['spec']['securityContext']).toMatchObject({ runAsNonRoot: true, runAsUser: uid });
  });

  it('the Service, autoscaler and disruption budget select the gateway pods', () => {
    const labels = pod['metadata']['labels'];
    expect(matches(deployment['spec']['selector']['matchLabels'], labels)).toBe(true);
    const service = find('Service', 'stytch-gateway');
    expect(matches(service['spec']['selector'], labels)).toBe(true);
    for (const port of service['spec']['ports'] as Doc[]) {
      expect(portNamed(port['targetPort'])).toBe(config.port);
    }
    const hpa = find('HorizontalPodAutoscaler', 'stytch-gateway');
    expect(hpa['spec']['scaleTargetRef']).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'stytch-gateway',
    });
    expect(hpa['spec']['minReplicas']).toBeGreaterThanOrEqual(2);
    // The autoscaler owns the replica count.
    expect(deployment['spec']['replicas']).toBeUndefined();
    const pdb = find('PodDisruptionBudget', 'stytch-gateway');
    expect(matches(pdb['spec']['selector']['matchLabels'], labels)).toBe(true);
  });

  it('REDIS_URL names the Redis Service, which selects the Redis pods', () => {
    const url = new URL(config.rateLimit.redisUrl as string);
    const service = find('Service', url.hostname);
    const redis = find('Deployment', url.hostname);
    const redisPod = redis['spec']['template'];
    expect(matches(service['spec']['selector'], redisPod['metadata']['labels'])).toBe(true);
    const port = (service['spec']['ports'] as Doc[]).find((p) => p['port'] === Number(url.port));
    const named = (redisPod['spec']['containers'][0]['ports'] as Doc[]).find(
      (p) => p['name'] === port?.['targetPort'],
    );
    expect(named?.['containerPort']).toBe(6379);
  });
});

describe('deploy/compose.yaml', () => {
  const [compose] = yamlDocs('deploy/compose.yaml') as [Doc];
  const services = compose['services'];

  it('builds the image from deploy/Dockerfile, and gives each instance a valid production configuration', () => {
    const gateway = services['gateway'];
    expect(
      existsSync(join(ROOT, 'deploy', gateway['build']['context'], gateway['build']['dockerfile'])),
    ).toBe(true);
    const env = Object.fromEntries(
      Object.entries(gateway['environment'] as Record<string, string>).filter(
        ([, v]) => !String(v).startsWith('${'),
      ),
    );
    const config = loadConfig({
      ...dockerEnv(dockerfile().stages.at(-1) ?? []),
      ...env,
      ...CREDENTIALS,
    });
    expect(config.production).toBe(true);
    expect(new URL(config.rateLimit.redisUrl as string).hostname).toBe('redis');
    expect(services['redis']).toBeDefined();
    expect(config.trustedProxies).toEqual([
      compose['networks']['gateway']['ipam']['config'][0]['subnet'],
    ]);
    const grace = Number(/^(\d+)s$/.exec(gateway['stop_grace_period'])?.[1]);
    expect(grace * 1000).toBeGreaterThan(config.shutdown.delayMs + config.shutdown.timeoutMs);
    expect(gateway['environment']['STYTCH_SECRET']).toMatch(/^\$\{STYTCH_SECRET:\?/);
  });

  it('renders deploy/nginx.conf with the same two placeholders the test fills in', () => {
    const nginx = services['nginx'];
    expect(nginx['volumes']).toContain(
      './nginx.conf:/etc/nginx/templates/stytch-gateway.conf.template:ro',
    );
    expect(Object.keys(nginx['environment']).sort()).toEqual([...TEMPLATE_VARIABLES].sort());
    const placeholders = new Set(
      [...readFileSync(TEMPLATE, 'utf8').matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]),
    );
    expect([...placeholders].sort()).toEqual([...TEMPLATE_VARIABLES].sort());
  });
});
