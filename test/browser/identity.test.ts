import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appInChromium, expectAccessible } from '../support/browser.ts';

const { app, browser } = await appInChromium();

for (const locale of ['da', 'en'] as const) {
  test(`a citizen signs in, steps up to High, reads Min Log and signs out — every page accessible (${locale})`, async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'lang', value: locale, url: app.baseUrl }]);
    const page = await context.newPage();
    const t = (da: string, en: string) => (locale === 'da' ? da : en);

    await page.goto(`${app.baseUrl}/borger`);
    assert.match(page.url(), /\/test-idp-login\//);
    await expectAccessible(page, 'the test IdP page');
    await page.getByLabel(/Mette Jensen/).check();
    await page.getByRole('button', { name: t('Log ind', 'Sign in') }).click();
    await page.waitForURL(`${app.baseUrl}/borger`);
    assert.equal((await page.locator('h1').textContent())?.trim(), t('Velkommen, Mette Jensen', 'Welcome, Mette Jensen'));
    assert.match((await page.locator('header').textContent()) ?? '', /Mette Jensen/);
    await expectAccessible(page, 'the citizen start page');

    // Two minutes before the 30-minute idle limit, the page warns and offers to stay signed in.
    await page.clock.install();
    await page.reload();
    assert.equal(await page.locator('#session-warning').isVisible(), false);
    await page.clock.fastForward('28:01');
    await page.locator('#session-warning').waitFor({ state: 'visible' });
    await expectAccessible(page, 'the start page with the idle warning');

    await page.getByRole('link', { name: t('Se hvem der har set dine oplysninger (Min Log)', 'See who has looked at your data (My Log)') }).click();
    assert.equal((await page.locator('h1').textContent())?.trim(), t('Min Log', 'My Log'));
    await expectAccessible(page, 'Min Log');

    await page.goto(`${app.baseUrl}/borger/mine-oplysninger`);
    assert.match(page.url(), /\/test-idp-login\//, 'step-up goes to the IdP');
    assert.match((await page.locator('main').textContent()) ?? '', locale === 'da' ? /kræver sikringsniveau Høj/ : /requires assurance level High/);
    await page.getByLabel(/Mette Jensen/).check();
    await page.getByRole('button', { name: t('Log ind', 'Sign in') }).click();
    await page.waitForURL(`${app.baseUrl}/borger/mine-oplysninger`);
    assert.match((await page.locator('main').textContent()) ?? '', /610185-1234/);
    await expectAccessible(page, 'my data');

    await page
      .getByRole('button', { name: t('Log af', 'Sign out') })
      .first()
      .click();
    await page
      .getByRole('button', { name: t('Log af', 'Sign out') })
      .last()
      .click();
    await page.waitForURL(`${app.baseUrl}/log-af/faerdig`);
    assert.equal((await page.locator('h1').textContent())?.trim(), t('Du er logget af', 'You are signed out'));
    await expectAccessible(page, 'the signed-out page');
    await context.close();
  });
}

test('a caseworker chooses a municipality, signs in and looks up a citizen without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/medarbejder`);
  await page.getByLabel('Kommune').selectOption('751');
  await page.getByRole('button', { name: 'Fortsæt til login' }).click();
  await page.getByLabel(/Rasmus Bech/).check();
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(`${app.baseUrl}/medarbejder`);
  assert.match((await page.locator('main').textContent()) ?? '', /Aarhus \(751\)/);
  await page.getByRole('link', { name: 'Slå en borger op' }).click();
  await page.getByLabel('CPR-nummer').fill('010203-0405');
  await page.getByLabel('Formål med opslaget').fill('Forberedelse af samtale');
  await page.getByRole('button', { name: 'Slå op' }).click();
  assert.equal((await page.locator('#field-cpr-error').textContent())?.trim(), 'Der er ingen borger med det CPR-nummer i din kommune.');
  await context.close();

  const withJs = await browser.newContext();
  const check = await withJs.newPage();
  await check.goto(`${app.baseUrl}/log-ind/medarbejder?tilbage=%2Fmedarbejder`);
  await expectAccessible(check, 'the municipality choice');
  await check.goto(`${app.baseUrl}/auth/callback?code=x&state=forged`);
  assert.equal((await check.locator('h1').textContent())?.trim(), 'Du blev ikke logget ind');
  await expectAccessible(check, 'the sign-in failure page');
  await withJs.close();
});

test('a vendor administrator registers the company in the virk.dk-styled portal, errors and all accessible', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/leverandoer`);
  await page.getByLabel(/Signe Brandt/).check();
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(`${app.baseUrl}/leverandoer`);
  await expectAccessible(page, 'the vendor start page');
  await page.getByRole('link', { name: 'Virksomhedsprofil' }).click();
  await expectAccessible(page, 'the registration form');
  await page.getByLabel('Kontakt-e-mail').fill('ikke-en-mail');
  await page.getByRole('button', { name: 'Gem profil' }).click();
  await page.locator('#error-summary:focus').waitFor();
  await expectAccessible(page, 'the registration form with errors');
  await page.getByLabel('Kontakt-e-mail').fill('support@jobtraener.example.dk');
  await page.getByLabel('Kontakttelefon').fill('70 20 30 40');
  await page.getByLabel('Supportside').fill('https://jobtraener.example.dk/support');
  await page.getByLabel('Underskrevet').check();
  await page.getByRole('button', { name: 'Gem profil' }).click();
  await page.waitForURL(`${app.baseUrl}/leverandoer/virksomhed?gemt=1`);
  assert.match((await page.locator('main').textContent()) ?? '', /Profilen er gemt\./);
  await context.close();
});
