// A person of a Gluu Server directory, in Chromium, through the demo RP: the entry (inum, uid, userPassword)
// and its TOTP device were written straight into OpenLDAP as Gluu's OTP script writes them
// (oxExternalUid "totp:<base64url key>"); the password is checked by a bind and the code comes from an app
// holding that same key.
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { ScureBase32Plugin } from 'otplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, logInWithPassword } from '../helpers/rp-pages.js';
import { ADMIN_DN, ADMIN_PASSWORD, startSlapd, type Slapd } from '../helpers/slapd.js';

let slapd: Slapd;
let stack: DemoStack;
let browser: Browser;
const key = randomBytes(20);

beforeAll(async () => {
  slapd = await startSlapd();
  await slapd.addPerson({
    inum: 'E2E-0001',
    uid: 'gluuser',
    password: 'gluuser directory pw',
    mail: 'gluuser@example.com',
    oxExternalUid: [`totp:${key.toString('base64url')}=`],
  });
  stack = await startDemoStack({
    users: { driver: 'ldap', ldap: { url: slapd.url, bind_dn: ADMIN_DN, bind_password: ADMIN_PASSWORD } },
    methods: { otp: { enabled: true, issuer: 'Demo Co' } },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await slapd?.close();
});

it("signs a directory user in with the password and the code of the TOTP key Gluu's script stored", async () => {
  stack.backend.clock.now = T0;
  const w = await openPage(browser);
  const { page } = w;
  await logInWithPassword(page, stack.rpUrl, 'otp', 'gluuser', 'gluuser directory pw');
  // The device is already enrolled (in the directory): straight to the code, no QR.
  await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
  const app = new ScureBase32Plugin().encode(key);
  await page.getByLabel('Code', { exact: true }).fill(await totp(app, T0));
  await page.waitForURL(`${stack.rpUrl}/`);
  const c = await claims(page);
  expect(c.acr).toBe('otp');
  expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);
  expect(c.sub).toBe('E2E-0001');
  expect(await w.cspViolations()).toEqual([]);
  expect(w.pageErrors).toEqual([]);
  await w.context.close();
  // The bind was as the person's own entry; the directory's value is as Gluu wrote it.
  await slapd.logged((lines) => lines.some((l) => l.includes('BIND dn="inum=E2E-0001,ou=people,o=gluu" mech=SIMPLE')));
  expect(await slapd.values('E2E-0001', 'oxExternalUid')).toEqual([`totp:${key.toString('base64url')}=`]);
});
