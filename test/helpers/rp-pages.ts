// What a person does on the demo RP's pages in the browser tests: log in through the provider's hosted page,
// read the claims of the signed-in page, log out.
import type { Page } from 'playwright-core';

/** The id_token claims the RP's signed-in page shows, by name (arrays such as `amr` as JSON). */
export async function claims(page: Page): Promise<Record<string, string>> {
  const rows = await page
    .locator('#id-token-claims tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-claim')!, tr.querySelector('td')!.textContent!.trim()] as const),
    );
  return Object.fromEntries(rows);
}

/**
 * From the RP's home page: the method `acr` chosen, "Log in" (the provider's hosted page), the username
 * and the password typed, each sent with Enter. Returns once the password is sent, whatever the next step.
 */
export async function logInWithPassword(
  page: Page,
  rpUrl: string,
  acr: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(rpUrl);
  await page.selectOption('#acr', acr);
  await page.click('#login');
  await page.getByLabel('Username').fill(username);
  await page.keyboard.press('Enter');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
}

/** RP-initiated logout from the signed-in page, confirmed at the provider, back on the RP's home page. */
export async function logOut(page: Page, rpUrl: string): Promise<void> {
  await page.click('#logout');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${rpUrl}/`);
}

/**
 * Back on the RP's home page after a sign-in the RP refused (an id_token whose acr is weaker than the one it
 * asked for, say): nobody is signed in, and the RP's message is returned.
 */
export async function refusedSignIn(page: Page, rpUrl: string): Promise<string> {
  await page.waitForURL(`${rpUrl}/`);
  const message = page.locator('#rp-error');
  await message.waitFor();
  if ((await page.locator('#id-token-claims').count()) > 0) throw new Error('the RP shows a signed-in page');
  return (await message.textContent())!.trim();
}
