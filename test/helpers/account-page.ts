// A page that holds <gluu-account> from the built bundle (dist/widget), under a strict CSP, for browser tests
// of the element alone: `/?preview=1` renders the overview fixture with no network, `/?token=...` talks to
// `{origin}/account/api` (which a test answers with page.route). `theme=dark` restyles it with custom
// properties only; `lang` sets its language (and loads the account translation when there is one).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { AccountOverview } from '../../wire/account-api.js';
import { packageRoot } from '../../server/paths.js';

const DIST = path.join(packageRoot, 'dist', 'widget');

/** Seconds since the epoch of the tests' frozen clock. */
export const ACCOUNT_NOW = Date.parse('2026-11-24T12:00:00Z') / 1000;
const DAY = 86_400;

/** An account with every kind of row: what the previews render. */
export const OVERVIEW: AccountOverview = {
  user: { username: 'kay', email: 'kay@example.com', phone: '+1 ••• ••• •• 71' },
  factors: [
    {
      id: 'cred-pk-1',
      kind: 'passkey',
      name: 'YubiKey 5C',
      added_at: ACCOUNT_NOW - 40 * DAY,
      last_used_at: ACCOUNT_NOW - 2 * DAY,
      renamable: true,
      removable: true,
    },
    {
      id: 'cred-otp-1',
      kind: 'otp',
      name: 'Authenticator 1',
      added_at: ACCOUNT_NOW - 200 * DAY,
      last_used_at: ACCOUNT_NOW - 3 * 3600,
      renamable: true,
      removable: true,
    },
    {
      id: 'phone',
      kind: 'phone',
      name: 'Phone',
      detail: '+1 ••• ••• •• 71',
      added_at: null,
      last_used_at: null,
      renamable: false,
      removable: false,
      removal_refused: 'Your phone number is managed by your administrator.',
    },
  ],
  can_add: ['passkey', 'otp', 'email'],
  recovery_codes: { left: 7 },
  sessions: [
    {
      id: 's1',
      device: 'Chrome on Linux',
      network: '203.0.113.0/24',
      signed_in_at: ACCOUNT_NOW - 20 * 60,
      apps: ['Demo RP'],
      current: true,
    },
    {
      id: 's2',
      device: 'Safari on iPhone',
      network: '198.51.100.0/24',
      signed_in_at: ACCOUNT_NOW - 5 * DAY,
      apps: ['Demo RP', 'Wiki'],
      current: false,
    },
  ],
  trusted_browsers: [
    { id: 't1', device: 'Firefox on Windows', trusted_at: ACCOUNT_NOW - 10 * DAY, expires_at: ACCOUNT_NOW + 20 * DAY },
  ],
  proof: { fresh: false, expires_in: 0, max_age: 300 },
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Account</title>
<link rel="stylesheet" href="/page.css"><link rel="stylesheet" id="theme">
<script type="module" src="/page.js"></script></head>
<body><main><h1>Your account</h1><gluu-account></gluu-account></main></body></html>`;

/** Sets the element up from the query (a module: no inline script under the CSP). */
const SCRIPT = `import '/widget/gluu-account.js';
const q = new URLSearchParams(location.search);
const el = document.querySelector('gluu-account');
const lang = q.get('lang');
if (q.get('theme')) document.getElementById('theme').href = '/theme-' + q.get('theme') + '.css';
if (lang) {
  document.documentElement.lang = lang;
  el.lang = lang;
  await import('/widget/account/i18n/' + lang + '.js').catch(() => {});
  await import('/widget/i18n/' + lang + '.js').catch(() => {});
}
if (q.get('dir')) el.dir = q.get('dir');
el.issuer = location.origin;
if (q.get('preview')) el.preview = await (await fetch('/overview.json')).json();
else el.accessToken = q.get('token');
`;

const CSS: Record<string, string> = {
  'page.css': 'body{margin:0;font-family:system-ui,sans-serif}main{max-width:720px;margin:0 auto;padding:24px}',
  // Custom properties only, as the demo's dark theme does for <gluu-login>.
  'theme-dark.css': `:root{background:#010409;color:#e6edf3}
gluu-account{--gluu-login-color-text:#e6edf3;--gluu-login-color-muted:#9da7b3;--gluu-login-color-bg:#0d1117;
--gluu-login-color-primary:#4493f8;--gluu-login-color-primary-text:#0d1117;--gluu-login-color-error:#ff7b72;
--gluu-login-color-border:#8b949e;--gluu-login-color-focus:#79c0ff}`,
};

export interface AccountPage {
  url: string;
  close(): Promise<void>;
}

/** Serves the page, the widget's built files and the fixture on a free port. */
export async function startAccountPage(overview: AccountOverview = OVERVIEW): Promise<AccountPage> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy':
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
          "base-uri 'none'; form-action 'none'",
      });
      res.end(body);
    };
    const p = url.pathname;
    if (p === '/') return send(200, 'text/html; charset=utf-8', PAGE);
    if (p === '/page.js') return send(200, 'text/javascript', SCRIPT);
    if (p === '/overview.json') return send(200, 'application/json', JSON.stringify(overview));
    const css = CSS[p.slice(1)];
    if (css) return send(200, 'text/css', css);
    if (p.startsWith('/widget/') && !p.includes('..')) {
      try {
        return send(200, 'text/javascript', await readFile(path.join(DIST, p.slice('/widget/'.length))));
      } catch {}
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
