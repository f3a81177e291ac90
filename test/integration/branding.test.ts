// The operator's branding on the provider's own pages, as a visitor and an attacker see it: the logo, name,
// colours and stylesheet on every page, a CSP that adds exactly the configured origins, the operator's
// texts winning per language; and a configuration that would put anything but a colour, a text or an
// https/file asset on a page refused in plain words, with nothing started.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, discover, type oidc } from '../helpers/oidc-client.js';
import { UserAgent } from '../helpers/user-agent.js';
import { freePort } from '../helpers/ports.js';
import { outcome, startTsx } from '../helpers/processes.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';

let dir: string;
let logo: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-branding-'));
  logo = path.join(dir, 'logo.svg');
  writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (branding: unknown) => {
  try {
    parseConfig({ branding });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('the branding configuration', () => {
  it('takes only colour values as colours', () => {
    expect(refusal({ colors: { light: { primary: 'red; } body { display: none' } } })).toContain(
      'branding.colors.light.primary: must be a CSS colour: ' +
        '#rrggbb, #rgb, rgb(…), hsl(…) or oklch(…) with numbers only',
    );
    expect(refusal({ colors: { dark: { primary: 'url(https://evil.example/x)' } } })).toContain(
      'branding.colors.dark.primary: must be a CSS colour',
    );
    expect(refusal({ colors: { light: { primery: '#000' } } })).toContain(
      'branding.colors.light: is not a setting here (misspelled?): "primery"',
    );
    const ok = parseConfig({
      branding: {
        colors: { light: { primary: '#6B21A8', text: 'rgb(30 21 48)', error: 'hsl(330deg 67% 42% / 90%)' } },
      },
    });
    expect(ok.branding.colors.light?.primary).toBe('#6B21A8');
  });

  it('names an unknown text id, and a placeholder the text does not have', () => {
    expect(refusal({ messages: { en: { sign_in_titel: 'Hi' } } })).toContain(
      'branding.messages.en.sign_in_titel: ' +
        'is not a text of the provider pages or the widget (misspelled? see docs/branding.md)',
    );
    expect(refusal({ messages: { de: { sign_in_title: 'Bei {clinet} anmelden' } } })).toContain(
      'branding.messages.de.sign_in_title: uses {clinet}, which this text does not have (it has {client})',
    );
    expect(refusal({ messages: { english: { sign_in_title: 'Hi' } } })).toContain(
      'branding.messages.english: must be a language tag such as "en", "de" or "pt-BR"',
    );
  });

  it('takes a logo or a stylesheet as an https URL or a file, nothing else', () => {
    expect(refusal({ logo: 'javascript:alert(1)' })).toContain(
      'branding.logo: must be an https URL or a file path, not a javascript: URL',
    );
    expect(refusal({ logo: 'data:image/svg+xml,<svg onload=alert(1)>' })).toContain(
      'branding.logo: must be an https URL or a file path, not a data: URL',
    );
    expect(refusal({ stylesheet: 'http://cdn.example.com/login.css' })).toContain(
      'branding.stylesheet: must be an https URL or a file path: ' +
        'over http:// anyone on the way could change the stylesheet',
    );
    expect(refusal({ logo: path.join(dir, 'missing.svg') })).toContain(
      `branding.logo: names no readable file (${path.join(dir, 'missing.svg')})`,
    );
    expect(refusal({ logo: path.join(dir, 'logo.gif') })).toContain(
      'branding.logo: must be a .svg, .png, .webp, .jpg, .jpeg file (or an https URL)',
    );
    expect(refusal({ stylesheet: logo })).toContain('branding.stylesheet: must be a .css file (or an https URL)');
  });

  it('stops `serve` before it listens, naming every bad key', async () => {
    const port = await freePort();
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'branding:',
        '  logo: "javascript:alert(1)"',
        '  stylesheet: "http://cdn.example.com/login.css"',
        '  colors: { light: { primary: "expression(alert(1))" } }',
        '  messages: { en: { nope: "x" } }',
      ].join('\n'),
    );
    const run = await outcome(
      startTsx(['server/bin.ts', 'serve', '--config', file], { GLUU_DATA_DIR: dir, GLUU_PORT: String(port) }),
    );
    expect(run.code).toBe(78);
    for (const key of [
      'branding.logo',
      'branding.stylesheet',
      'branding.colors.light.primary',
      'branding.messages.en.nope',
    ])
      expect(run.stderr).toContain(`${key}: `);
    expect(run.stdout + run.stderr).not.toContain('listening');
    await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
  });
});

describe('a branded provider', () => {
  let backend: TestBackend;
  let standIns: StandIns;
  let config: oidc.Configuration;
  const CSP_ORIGINS = { logo: 'https://cdn.example.com', stylesheet: 'https://styles.example.net' };

  beforeAll(async () => {
    standIns = await startStandIns();
    backend = await startTestBackend({
      config: {
        methods: { tru_id: standIns.methods.tru_id, twilio_sms: standIns.methods.twilio_sms },
        branding: {
          product_name: 'Acme',
          logo: `${CSP_ORIGINS.logo}/brand/logo.svg`,
          stylesheet: `${CSP_ORIGINS.stylesheet}/login.css`,
          colors: { light: { primary: '#6b21a8' }, dark: { primary: '#c084fc' } },
          messages: {
            en: { expired_title: 'This Acme sign-in has expired', sign_in: 'Sign in with your Acme ID' },
            de: { expired_title: 'Diese Acme-Anmeldung ist abgelaufen' },
          },
        },
      },
    });
    config = await discover(backend.issuer, 'test-rp');
  });
  afterAll(async () => {
    await backend?.close();
    await standIns?.close();
  });

  const expectedCsp = [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' ${CSP_ORIGINS.stylesheet}`,
    `img-src 'self' data: ${CSP_ORIGINS.logo}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  /** The branded parts every page shows. */
  function expectBranded(page: string) {
    expect(page).toContain(
      `<header class="product-header"><img class="logo" src="${CSP_ORIGINS.logo}/brand/logo.svg" alt="Acme">` +
        '<span class="product" aria-hidden="true">Acme</span></header>',
    );
    const sheets = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
    expect(sheets).toEqual([
      '/assets/page.css',
      expect.stringMatching(/^\/assets\/brand\/colors\.css\?v=[\w-]+$/),
      `${CSP_ORIGINS.stylesheet}/login.css`,
    ]);
    expect(page).not.toMatch(/style=|<style/);
  }

  it('brands the hosted sign-in page, with a CSP naming exactly the logo’s and the stylesheet’s origins', async () => {
    const agent = new UserAgent();
    const { url, response } = await agent.follow((await authorizationRequest(config)).url.href);
    expect(url).toMatch(/\/interaction\//);
    expect(response!.headers.get('content-security-policy')).toBe(expectedCsp);
    const page = await response!.text();
    expectBranded(page);
    expect(page).toContain('<title>Sign in to Test RP</title>');
    // The widget gets the operator's texts for its language from a script of ours ('self').
    const texts = /<script type="module" src="(\/assets\/brand\/texts-en\.js\?v=[\w-]+)"><\/script>/.exec(page)?.[1];
    expect(texts).toBeDefined();
    const script = await fetch(`${backend.issuer}${texts}`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('"sign_in":"Sign in with your Acme ID"');
  });

  it('serves the colours as a stylesheet of custom properties (never inline)', async () => {
    const page = await (await fetch(`${backend.issuer}/interaction/unknown`)).text();
    const href = /href="(\/assets\/brand\/colors\.css\?v=[\w-]+)"/.exec(page)![1];
    const css = await fetch(`${backend.issuer}${href}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(
      "/* Generated from the configuration's branding section. */\n" +
        ':root {\n  --light-primary: #6b21a8;\n  --dark-primary: #c084fc;\n}\n',
    );
  });

  it('brands the error pages, in the visitor’s language, the operator’s text winning', async () => {
    const en = await fetch(`${backend.issuer}/interaction/unknown`, { headers: { 'accept-language': 'en-GB' } });
    expect(en.status).toBe(410);
    expect(en.headers.get('content-security-policy')).toBe(expectedCsp);
    const enPage = await en.text();
    expectBranded(enPage);
    expect(enPage).toContain('<h1>This Acme sign-in has expired</h1>');
    expect(enPage).toContain('<html lang="en" ');

    const de = await (
      await fetch(`${backend.issuer}/interaction/unknown`, { headers: { 'accept-language': 'de-AT,de;q=0.9' } })
    ).text();
    expect(de).toContain('<html lang="de" ');
    expect(de).toContain('<h1>Diese Acme-Anmeldung ist abgelaufen</h1>');
    // Texts the operator left alone come from the catalog.
    expect(de).toContain('Kehren Sie zur Anwendung zurück');

    const fr = await (
      await fetch(`${backend.issuer}/interaction/unknown`, { headers: { 'accept-language': 'fr' } })
    ).text();
    expect(fr).toContain('<h1>Cette connexion a expiré</h1>');

    // The provider's own error page (oidc-provider renders it through ours).
    const error = await fetch(`${backend.issuer}/auth?client_id=nobody&response_type=code&scope=openid`, {
      headers: { 'accept-language': 'es' },
    });
    expect(error.status).toBe(400);
    expect(error.headers.get('content-security-policy')).toBe(expectedCsp);
    const errorPage = await error.text();
    expectBranded(errorPage);
    expect(errorPage).toContain('<h1>Algo va mal con este inicio de sesión</h1>');
  });

  it('brands the phone check’s pages, in the phone’s language', async () => {
    const gone = await fetch(`${backend.issuer}/pc/${'A'.repeat(22)}`, { headers: { 'accept-language': 'pt-BR' } });
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-security-policy')).toBe(expectedCsp);
    const page = await gone.text();
    expectBranded(page);
    expect(page).toContain('<h1>Este link expirou</h1>');
    expect(page).toContain('<p class="brand">Verificação do celular</p>');
  });

  it('picks the sign-in page’s language from ui_locales', async () => {
    const agent = new UserAgent();
    const { response } = await agent.follow((await authorizationRequest(config, { ui_locales: 'de' })).url.href);
    const page = await response!.text();
    expect(page).toContain('<html lang="de" ');
    expect(page).toContain('<title>Bei Test RP anmelden</title>');
    // No widget texts for German: no script for them.
    expect(page).not.toContain('/assets/brand/texts-');
  });
});

describe('a provider branded with files', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    const css = path.join(dir, 'extra.css');
    writeFileSync(css, '.card { border: 2px solid #6b21a8; }\n');
    backend = await startTestBackend({ config: { branding: { logo, logo_alt: '', stylesheet: css } } });
  });
  afterAll(() => backend?.close());

  it("serves them from /assets/brand/ under 'self' alone, the SVG unable to run anything", async () => {
    const response = await fetch(`${backend.issuer}/interaction/unknown`);
    expect(response.headers.get('content-security-policy')).toContain("style-src 'self'; img-src 'self' data:;");
    const page = await response.text();
    const src = /<img class="logo" src="(\/assets\/brand\/logo\.svg\?v=[\w-]+)" alt="">/.exec(page)?.[1];
    expect(src).toBeDefined();
    // No product name: the header holds the logo alone.
    expect(page).not.toContain('class="product"');
    const svg = await fetch(`${backend.issuer}${src}`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(await svg.text()).toContain('<svg');
    const sheet = /href="(\/assets\/brand\/custom\.css\?v=[\w-]+)"/.exec(page)![1];
    expect(await (await fetch(`${backend.issuer}${sheet}`)).text()).toBe('.card { border: 2px solid #6b21a8; }\n');
    expect((await fetch(`${backend.issuer}/assets/brand/..%2Fpage.css`)).status).toBe(404);
    expect((await fetch(`${backend.issuer}/assets/brand/colors.css`)).status).toBe(404);
  });
});
