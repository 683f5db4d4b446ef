import type { Plugin } from 'graphql-yoga';
import type { Emulator, OutboxMessage } from '../../emulator/index.js';

/** Where the development mailbox is served. */
export const DEV_MAILBOX_PATH = '/dev/mailbox';
const IMPERSONATE_PATH = `${DEV_MAILBOX_PATH}/impersonation`;
/** The newest messages shown: enough for a session of clicking around, small enough to scan. */
const SHOWN = 50;
/** A user id in a form post; Stytch's are ~50 characters. */
const MAX_FORM_BYTES = 1024;

/** One message as the mailbox shows it, newest first. */
export interface MailboxEntry {
  kind: OutboxMessage['kind'] | 'impersonation';
  /** `login`, `signup`, `invite` or `reset_password` for links; absent otherwise. */
  type?: string;
  /** `email` or `sms` for codes. */
  channel?: string;
  /** The address or phone number; for an impersonation token, the user id. */
  to: string;
  userId: string;
  sentAt: string;
  /** The link the user would click, with `stytch_token_type` and `token` in its query. */
  url?: string;
  token?: string;
  methodId?: string;
  code?: string;
  /** The variables of the operation that finishes it, as GraphiQL's Variables pane takes them. */
  variables: Record<string, string>;
}

export interface DevMailboxOptions {
  /** Only the embedded emulator has a mailbox: a real Stytch sends real email. */
  emulator: Pick<Emulator, 'admin' | 'clock' | 'defaultRedirectUrl'>;
  /** The user the Impersonate form names unless the developer types another id. */
  demoUserId: string;
  /** Who the emulator records as the impersonator (a Dashboard user at Stytch). */
  impersonator: { email: string };
}

interface Impersonation {
  entry: MailboxEntry;
  /** How many outbox messages existed when it was made: its place among them. */
  after: number;
}

function entryOf(message: OutboxMessage): MailboxEntry {
  const base = { to: message.to, userId: message.userId, sentAt: message.sentAt };
  if (message.kind === 'otp') {
    return {
      kind: 'otp',
      channel: message.channel,
      ...base,
      methodId: message.methodId,
      code: message.code,
      variables: { methodId: message.methodId, code: message.code },
    };
  }
  return {
    kind: message.kind,
    type: message.type,
    ...base,
    url: message.url,
    token: message.token,
    variables: { token: message.token },
  };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const TITLES: Record<string, string> = {
  magic_link: 'Magic link',
  invite: 'Invitation',
  password_reset: 'Password reset',
  otp: 'One-time code',
  impersonation: 'Impersonation token',
};

function renderEntry(entry: MailboxEntry): string {
  const h = escapeHtml;
  const title = `${TITLES[entry.kind] ?? entry.kind}${entry.type ? ` (${entry.type})` : ''}${
    entry.channel ? ` by ${entry.channel}` : ''
  }`;
  const field = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<dt>${h(name)}</dt><dd><code>${h(value)}</code></dd>`;
  // Only http(s) links become anchors: the emulator builds them from http(s) redirect URLs, and
  // anything else would be a script URL waiting to be clicked.
  const link =
    entry.url && /^https?:\/\//i.test(entry.url)
      ? `<p><a class="link" href="${h(entry.url)}" rel="noreferrer">Open the link</a></p>`
      : '';
  return `<li class="message" data-kind="${h(entry.kind)}" data-to="${h(entry.to)}">
<h2>${h(title)} to <a href="${DEV_MAILBOX_PATH}?to=${encodeURIComponent(entry.to)}">${h(entry.to)}</a></h2>
<p class="meta">${h(entry.sentAt)} · user ${h(entry.userId)}</p>
${link}<dl>${field('URL', entry.url)}${field('Token', entry.token)}${field('Code', entry.code)}${field('Method id', entry.methodId)}</dl>
<p class="label">Variables for GraphiQL:</p>
<pre class="variables">${h(JSON.stringify(entry.variables))}</pre>
</li>`;
}

function renderPage(entries: MailboxEntry[], options: DevMailboxOptions, to: string | null) {
  const h = escapeHtml;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mailbox · Stytch GraphQL gateway</title>
<link rel="icon" href="data:,">
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; color: #1f2330; background: #f4f5f8; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; } h2 { font-size: 1rem; margin: 0; }
.note { color: #5b6172; } .meta { color: #5b6172; font-size: .85rem; margin: .25rem 0; }
ol { list-style: none; padding: 0; } li, form { background: #fff; border: 1px solid #dfe2ea; border-radius: 8px; padding: 1rem; margin: 0 0 .75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0; } dd { margin: 0; word-break: break-all; }
pre { background: #f4f5f8; padding: .5rem; white-space: pre-wrap; word-break: break-all; margin: 0; } .label { margin: .5rem 0 .25rem; font-size: .85rem; }
input { font: inherit; padding: .3rem .5rem; min-width: 24rem; } button { font: inherit; }
</style>
</head>
<body>
<h1>Dev mailbox</h1>
<p class="note">Every email and text message the embedded Stytch emulator has "sent" since the gateway
started, newest first (the latest ${SHOWN}). Nothing leaves this machine. Development only: a gateway
on real Stytch has no mailbox. Reload the page for new messages.</p>
<p class="note">Links open ${h(options.emulator.defaultRedirectUrl)} (the example app:
<code>npm run example:web</code>) unless the gateway names its own URLs (MAGIC_LINK_LOGIN_URL,
PASSWORD_RESET_URL, ...). In GraphiQL, paste a message's variables into the Variables pane.</p>
${to === null ? '' : `<p>Messages to <strong>${h(to)}</strong> only. <a href="${DEV_MAILBOX_PATH}">All messages</a></p>`}
<form method="post" action="${IMPERSONATE_PATH}">
<label>Impersonate user <input name="userId" value="${h(options.demoUserId)}" autocomplete="off" spellcheck="false" required></label>
<button type="submit">Impersonate</button>
<p class="meta">Stands in for the Stytch Dashboard's "Impersonate user": the token appears below, for
authenticateImpersonation. It works once, for 5 minutes.</p>
</form>
${entries.length === 0 ? '<p id="empty">No messages yet.</p>' : `<ol id="messages">\n${entries.map(renderEntry).join('\n')}\n</ol>`}
</body>
</html>
`;
}

/**
 * A development-only inbox: `GET /dev/mailbox` lists what the embedded emulator "sent" (magic
 * links, reset links, one-time codes), as HTML for a browser or as JSON (`accept:
 * application/json`), so that the example app and GraphiQL users follow a link or read a code as
 * they would from a real inbox. `POST /dev/mailbox/impersonation` stands in for the Stytch
 * Dashboard's "Impersonate user". main.ts installs it only when the gateway runs on the embedded
 * emulator; it cannot be built without one. It shows what a user would receive, never the
 * emulator's secret or an API key.
 */
export function useDevMailbox(options: DevMailboxOptions): Plugin {
  const { emulator } = options;
  const impersonations: Impersonation[] = [];

  const entries = (filter: { to: string | null; kind: string | null }) => {
    const outbox = emulator.admin.outbox();
    const merged: MailboxEntry[] = [];
    // Oldest first, each impersonation token in its place among the messages.
    let next = 0;
    for (const [index, message] of outbox.entries()) {
      while (next < impersonations.length && (impersonations[next]?.after ?? 0) <= index) {
        merged.push((impersonations[next++] as Impersonation).entry);
      }
      merged.push(entryOf(message));
    }
    while (next < impersonations.length) {
      merged.push((impersonations[next++] as Impersonation).entry);
    }
    const to = filter.to?.toLowerCase();
    return merged
      .filter((e) => (!to || e.to.toLowerCase() === to) && (!filter.kind || e.kind === filter.kind))
      .reverse()
      .slice(0, SHOWN);
  };

  const impersonate = (userId: string): MailboxEntry => {
    const token = emulator.admin.createImpersonationToken(userId, options.impersonator);
    // Where the Dashboard sends the impersonator: the project's default redirect URL.
    const url = new URL(emulator.defaultRedirectUrl);
    url.searchParams.set('stytch_token_type', 'impersonation');
    url.searchParams.set('token', token);
    const entry: MailboxEntry = {
      kind: 'impersonation',
      to: userId,
      userId,
      sentAt: new Date(emulator.clock.now()).toISOString(),
      url: url.toString(),
      token,
      variables: { impersonationToken: token },
    };
    impersonations.push({ entry, after: emulator.admin.outbox().length });
    return entry;
  };

  const headers = (contentType: string) => ({
    'content-type': contentType,
    // Single-use tokens: never from a cache, never stored.
    'cache-control': 'no-store',
    // Not no-referrer: under it a browser sends `Origin: null` with the form's post, which the
    // same-origin check below would refuse. Nothing secret is in the mailbox's own URL anyway.
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    // No script at all; forms post only here; no framing.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  });

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname === DEV_MAILBOX_PATH && request.method === 'GET') {
        const to = url.searchParams.get('to');
        const listed = entries({ to, kind: url.searchParams.get('kind') });
        const json = (request.headers.get('accept') ?? '').includes('application/json');
        endResponse(
          json
            ? new fetchAPI.Response(JSON.stringify({ messages: listed }), {
                headers: headers('application/json; charset=utf-8'),
              })
            : new fetchAPI.Response(renderPage(listed, options, to), {
                headers: headers('text/html; charset=utf-8'),
              }),
        );
        return undefined;
      }
      if (url.pathname === IMPERSONATE_PATH && request.method === 'POST') {
        return postImpersonation(request, url, fetchAPI, endResponse);
      }
      return undefined;
    },
  };

  async function postImpersonation(
    request: Request,
    url: URL,
    fetchAPI: { Response: typeof Response },
    endResponse: (response: Response) => void,
  ) {
    const refuse = (status: number, text: string) =>
      endResponse(new fetchAPI.Response(text, { status, headers: headers('text/plain') }));
    // Only the mailbox's own form: another site's page could otherwise mint tokens (it could not
    // read them, but it has no business making them).
    if (request.headers.get('origin') !== url.origin) {
      refuse(403, 'Impersonation tokens are made from the dev mailbox page only.\n');
      return;
    }
    const length = Number(request.headers.get('content-length') ?? 'NaN');
    if (!Number.isInteger(length) || length > MAX_FORM_BYTES) {
      refuse(413, 'The form is too large.\n');
      return;
    }
    const userId = new URLSearchParams(await request.text()).get('userId')?.trim() ?? '';
    try {
      impersonate(userId);
    } catch (error) {
      // The emulator's ApiError says what is wrong (an unknown user); nothing secret is in it.
      refuse(400, `${error instanceof Error ? error.message : 'Cannot impersonate.'}\n`);
      return;
    }
    // Back to the mailbox, where the new token is the newest message.
    endResponse(
      new fetchAPI.Response(null, {
        status: 303,
        headers: { ...headers('text/plain'), location: DEV_MAILBOX_PATH },
      }),
    );
  }
}
