/**
 * `npm run docs:check`: runs the examples in README.md and docs/*.md, so that what the docs say is
 * true when tried. Each file is a script, read top to bottom:
 *
 * - `sh` blocks run in bash from the repository root and must exit 0;
 * - `graphql` blocks run against the gateway a previous `sh` block started (over HTTP, with a
 *   cookie jar and the CSRF header, as GraphiQL sends them), with the `json` block that follows as
 *   their variables; they must answer without errors;
 * - `ts` and `js` blocks are type-checked against the built package, as a consumer would write them;
 * - a `json` block with `data` or `errors` at the top is an example answer, and other fences
 *   (yaml, text, dockerfile…) are data: neither runs.
 *
 * An HTML comment right before a block changes that: `<!-- docs-check: DIRECTIVE -->`, where
 * DIRECTIVE is one of
 *   `skip REASON`            not run here (the reason is printed);
 *   `background /REGEX/`     keep it running (until the file ends) once its output matches;
 *   `start-stop /REGEX/`     start it on a free port, wait for the match, stop it;
 *   `fails /REGEX/`          it must exit non-zero, having printed a match;
 *   `expect-error CODE`      the operation must fail with `extensions.code` CODE;
 *   `headers {JSON}`         extra request headers for the operation;
 *   `validate`               only validate the operation against schema.graphql;
 *   `validate-subgraph`      only validate it against schema.subgraph.graphql;
 *   `declare NAME…`          for ts/js: names the snippet uses without defining (typed `any`).
 *
 * Placeholders the docs use for values a reader copies from elsewhere are filled in from the
 * running gateway: THE-DEV-API-KEY (from its banner), THE-TOKEN-FROM-THE-EMAIL,
 * THE-TOKEN-FROM-THE-RESET-EMAIL, THE-METHOD-ID and THE-6-DIGIT-CODE (from the emulator's outbox),
 * and `http://127.0.0.1:PORT/` (the emulator's URL from the banner).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { ROOT } from './lib/processes.js';

interface Block {
  lang: string;
  code: string;
  line: number;
  directive: string | null;
}

/** Fenced blocks with the `docs-check` comment that precedes each, if any. */
function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let directive: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const comment = /^<!--\s*docs-check:\s*([\s\S]*?)\s*-->\s*$/.exec(line.trim());
    if (comment) {
      directive = comment[1] ?? null;
      continue;
    }
    const fence = /^(\s*)```(\w*)\s*$/.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i] as string); i++) {
        body.push(lines[i] as string);
      }
      blocks.push({ lang: fence[2] ?? '', code: body.join('\n'), line: start + 1, directive });
      directive = null;
      continue;
    }
    if (line.trim() !== '') {
      directive = null;
    }
  }
  return blocks;
}

interface Running {
  child: ChildProcess;
  output: () => string;
}

const children: ChildProcess[] = [];

// With CI set, tools colour their output even into a pipe (Vite printed `127.0.0.1:` then an escape
// code before `5173`), so what a block prints is matched without its escape codes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is removed
const ANSI_ESCAPE = /\x1b\[[0-9;]*[A-Za-z]/g;
function plain(chunk: Buffer): string {
  return String(chunk).replace(ANSI_ESCAPE, '');
}

/** A block run by bash from the repository's root, in a process group of its own. */
function spawnBlock(code: string, env: Record<string, string> = {}): Running {
  const child = spawn('bash', ['-e', '-c', code], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += plain(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output: () => output };
}

function startProcess(code: string, env: Record<string, string>, ready: RegExp): Promise<Running> {
  const running = spawnBlock(code, env);
  const { child, output } = running;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${ready} within 90 s; it printed:\n${output().slice(-3000)}`)),
      90_000,
    );
    // Registered after spawnBlock's own listeners, so the output already holds the chunk.
    const onData = () => {
      if (ready.test(output())) {
        clearTimeout(timer);
        resolve(running);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before ${ready}; it printed:\n${output().slice(-3000)}`));
    });
  });
}

/**
 * Runs a block to its end (3 minutes at most, then its whole process group is stopped). With
 * `failure`, it must fail and print a match instead.
 */
function runToEnd(code: string, failure?: RegExp): Promise<void> {
  const { child, output } = spawnBlock(code);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopProcess(child);
      reject(new Error(`still running after 3 minutes; it printed:\n${output().slice(-3000)}`));
    }, 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const ok = failure ? code !== 0 && failure.test(output()) : code === 0;
      if (ok) {
        resolve();
      } else {
        reject(new Error(`exit code ${code}; it printed:\n${output().slice(-3000)}`));
      }
    });
  });
}

async function stopProcess(child: ChildProcess) {
  // A child stopped by a signal keeps exitCode null and sets signalCode; waiting for its 'exit'
  // again would wait for ever (Node then ends the script with code 13, unsettled await).
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await exited;
}

function regexOf(text: string): RegExp {
  const match = /^\/(.*)\/$/.exec(text.trim());
  if (!match?.[1]) {
    throw new Error(`expected /REGEX/, got ${text}`);
  }
  return new RegExp(match[1]);
}

interface Gateway {
  /** The data of the last operation run, for placeholders that name a value it returned. */
  lastData?: unknown;
  graphqlUrl: string;
  devApiKey: string | null;
  demoUserId: string | null;
  emulatorUrl: string | null;
  cookies: Map<string, string>;
}

async function outbox(gateway: Gateway): Promise<Array<Record<string, string>>> {
  if (!gateway.emulatorUrl) {
    throw new Error('the placeholder needs the emulator, and no banner named it');
  }
  const { DEFAULT_PROJECT_ID, DEFAULT_SECRET } = await import('../src/emulator/index.js');
  const res = await fetch(new URL('emulator/outbox', gateway.emulatorUrl), {
    headers: {
      authorization: `Basic ${Buffer.from(`${DEFAULT_PROJECT_ID}:${DEFAULT_SECRET}`).toString('base64')}`,
    },
  });
  return ((await res.json()) as { outbox: Array<Record<string, string>> }).outbox;
}

/** What a Dashboard "Impersonate user" click makes: here, the emulator's admin route. */
async function impersonationToken(gateway: Gateway): Promise<string> {
  const { DEFAULT_PROJECT_ID, DEFAULT_SECRET } = await import('../src/emulator/index.js');
  const res = await fetch(new URL('emulator/impersonation_tokens', gateway.emulatorUrl ?? ''), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${DEFAULT_PROJECT_ID}:${DEFAULT_SECRET}`).toString('base64')}`,
    },
    body: JSON.stringify({ user_id: gateway.demoUserId }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function fill(text: string, gateway: Gateway | null): Promise<string> {
  let out = text;
  const last = async (kinds: string[], field: string) => {
    const messages = (await outbox(gateway as Gateway)).filter((m) =>
      kinds.includes(m['kind'] ?? ''),
    );
    const value = messages.at(-1)?.[field];
    if (!value) {
      throw new Error(`the outbox holds no ${kinds.join('/')} message with a ${field}`);
    }
    return value;
  };
  const table: Array<[string, () => Promise<string> | string]> = [
    ['THE-DEV-API-KEY', () => gateway?.devApiKey ?? ''],
    ['THE-TOKEN-FROM-THE-RESET-EMAIL', () => last(['password_reset'], 'token')],
    ['THE-TOKEN-FROM-THE-EMAIL', () => last(['magic_link', 'invite'], 'token')],
    ['THE-METHOD-ID', () => last(['otp'], 'methodId')],
    ['THE-6-DIGIT-CODE', () => last(['otp'], 'code')],
    ['http://127.0.0.1:PORT/', () => gateway?.emulatorUrl ?? ''],
    ['A-SESSION-ID-FROM-THE-LIST', () => sessionFromList(gateway?.lastData)],
    ['THE-DEMO-USER-ID', () => gateway?.demoUserId ?? ''],
    [
      'THE-TOKEN-FROM-CREATE-MAGIC-LINK',
      () =>
        (gateway?.lastData as { createMagicLink?: { token?: string } })?.createMagicLink?.token ??
        '',
    ],
    ['THE-IMPERSONATION-TOKEN', () => impersonationToken(gateway as Gateway)],
  ];
  for (const [placeholder, value] of table) {
    if (out.includes(placeholder)) {
      out = out.split(placeholder).join(await value());
    }
  }
  return out;
}

/** From the last `viewer { sessions }` answer: another device's session, else the current one. */
function sessionFromList(data: unknown): string {
  const sessions =
    (
      data as {
        viewer?: { sessions?: Array<{ current: boolean; session: { sessionId: string } }> };
      }
    )?.viewer?.sessions ?? [];
  const chosen = sessions.find((s) => !s.current) ?? sessions[0];
  if (!chosen) {
    throw new Error('A-SESSION-ID-FROM-THE-LIST needs a viewer { sessions } answer just before');
  }
  return chosen.session.sessionId;
}

async function runGraphQL(
  block: Block,
  variablesBlock: Block | null,
  gateway: Gateway | null,
): Promise<void> {
  const directive = block.directive ?? '';
  const sdl = (file: string) => buildSchema(readFileSync(join(ROOT, file), 'utf8'));
  if (directive === 'validate' || directive === 'validate-subgraph') {
    const schema =
      directive === 'validate' ? sdl('schema.graphql') : sdl('schema.subgraph.graphql');
    const errors = validate(schema, parse(block.code));
    if (errors.length > 0) {
      throw new Error(errors.map((e) => e.message).join('\n'));
    }
    return;
  }
  if (!gateway) {
    throw new Error('no gateway is running: start one in an earlier sh block (background)');
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-graphql-yoga-csrf': '1',
  };
  const extra = /^headers\s+(\{[\s\S]*\})$/.exec(directive)?.[1];
  if (extra) {
    Object.assign(headers, JSON.parse(await fill(extra, gateway)));
  }
  if (gateway.cookies.size > 0) {
    headers['cookie'] = [...gateway.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  const variables = variablesBlock ? JSON.parse(await fill(variablesBlock.code, gateway)) : {};
  const res = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: await fill(block.code, gateway), variables }),
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (value === '' || /max-age=0/i.test(line)) {
      gateway.cookies.delete(name);
    } else {
      gateway.cookies.set(name, value);
    }
  }
  const body = (await res.json()) as {
    data?: unknown;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  gateway.lastData = body.data;
  const expected = /^expect-error\s+(\w+)$/.exec(directive)?.[1];
  const code = body.errors?.[0]?.extensions?.code;
  if (expected) {
    if (code !== expected) {
      throw new Error(`expected ${expected}, got ${JSON.stringify(body).slice(0, 500)}`);
    }
    return;
  }
  if (body.errors?.length) {
    throw new Error(`errors: ${JSON.stringify(body.errors).slice(0, 800)}`);
  }
}

let built = false;

function typecheck(block: Block, file: string) {
  if (!built) {
    execFileSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    built = true;
  }
  const declared = /^declare\s+(.+)$/.exec(block.directive ?? '')?.[1]?.split(/\s+/) ?? [];
  // At the repository's root, as the docs' own imports are written: `stytch-graphql-gateway`
  // resolves to the package itself, and `./src/…` to its sources.
  const path = join(ROOT, `.docs-check-${file.replace(/[^\w]/g, '_')}-${block.line}.ts`);
  writeFileSync(
    path,
    `${declared.map((name) => `declare const ${name}: any;`).join('\n')}\n${block.code}\nexport {};\n`,
  );
  try {
    execFileSync(
      process.execPath,
      [
        'node_modules/typescript/bin/tsc',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--lib',
        'es2023,dom',
        '--types',
        'node',
        path,
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  } finally {
    rmSync(path, { force: true });
  }
}

interface Outcome {
  ran: number;
  skipped: string[];
}

async function checkFile(file: string): Promise<Outcome> {
  const blocks = blocksOf(readFileSync(join(ROOT, file), 'utf8'));
  const outcome: Outcome = { ran: 0, skipped: [] };
  let gateway: Gateway | null = null;
  const background: ChildProcess[] = [];
  try {
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as Block;
      const where = `${file}:${block.line}`;
      const directive = block.directive ?? '';
      const skip = /^skip\s+(.+)$/.exec(directive)?.[1];
      const runnable = ['sh', 'bash', 'shell', 'graphql', 'ts', 'typescript', 'js'].includes(
        block.lang,
      );
      if (!runnable) {
        continue;
      }
      if (skip) {
        outcome.skipped.push(`${where} (${block.lang}): ${skip}`);
        continue;
      }
      try {
        if (block.lang === 'graphql') {
          const next = blocks[i + 1];
          const variables =
            next?.lang === 'json' && !/^\s*\{\s*"(data|errors)"/.test(next.code) ? next : null;
          await runGraphQL(block, variables, gateway);
        } else if (['ts', 'typescript', 'js'].includes(block.lang)) {
          typecheck(block, file);
        } else if (directive.startsWith('background')) {
          const running = await startProcess(
            await fill(block.code, gateway),
            { PORT: '4000' },
            regexOf(directive.slice('background'.length)),
          );
          background.push(running.child);
          const output = running.output();
          const url = /GraphQL gateway ready: (\S+)/.exec(output)?.[1];
          if (url) {
            gateway = {
              graphqlUrl: url,
              devApiKey: /Dev API key:\s+(\S+)/.exec(output)?.[1] ?? null,
              demoUserId: /Demo user:\s+(\S+)/.exec(output)?.[1] ?? null,
              emulatorUrl: /Emulator \(Stytch\):\s+(\S+)/.exec(output)?.[1] ?? null,
              cookies: new Map(),
            };
          }
        } else if (directive.startsWith('start-stop')) {
          const running = await startProcess(
            await fill(block.code, gateway),
            { PORT: '0', ADMIN_PORT: '', EMULATOR_PORT: '0' },
            regexOf(directive.slice('start-stop'.length)),
          );
          await stopProcess(running.child);
        } else if (directive.startsWith('fails')) {
          await runToEnd(await fill(block.code, gateway), regexOf(directive.slice('fails'.length)));
        } else {
          await runToEnd(await fill(block.code, gateway));
        }
        outcome.ran++;
      } catch (error) {
        const detail =
          (error as { stderr?: Buffer }).stderr?.toString() || (error as Error).message;
        throw new Error(`${where} (${block.lang}) failed:\n${block.code}\n---\n${detail}`);
      }
    }
  } finally {
    for (const child of background) {
      await stopProcess(child);
    }
  }
  return outcome;
}

const files = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
let failed = false;
for (const file of process.argv.slice(2).length > 0 ? process.argv.slice(2) : files) {
  try {
    const { ran, skipped } = await checkFile(file);
    process.stdout.write(`ok   ${file}: ${ran} blocks run, ${skipped.length} not run here\n`);
    for (const line of skipped) {
      process.stdout.write(`       not run: ${line}\n`);
    }
  } catch (error) {
    failed = true;
    process.stdout.write(`FAIL ${file}: ${(error as Error).message}\n`);
  }
}
for (const child of children) {
  await stopProcess(child);
}
process.exit(failed ? 1 : 0);
