import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type BrowserContext, type Page } from 'playwright-core';
import { appInChromium, expectAccessible } from '../support/browser.ts';

const { app, browser } = await appInChromium({ SEED_DEMO: 'true' });

async function newPage(options: { locale: 'da' | 'en'; javaScript?: boolean }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true });
  await context.addCookies([{ name: 'lang', value: options.locale, url: app.baseUrl }]);
  const page = await context.newPage();
  const problems: string[] = [];
  // A CSP violation, a failing script or a missing file shows up here; there must be none.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

const shellPages = [
  { path: '/', status: 200, da: 'Find vej til dit næste job', en: 'Find your way to your next job' },
  { path: '/log-ind/medarbejder', status: 200, da: 'Log ind som medarbejder', en: 'Sign in as staff' },
  { path: '/log-af/faerdig', status: 200, da: 'Du er logget af', en: 'You are signed out' },
  { path: '/kommuner', status: 200, da: 'Kommuner og jobcentre', en: 'Municipalities and jobcentres' },
  { path: '/katalog?q=jobsamtale', status: 200, da: 'Det nationale katalog', en: 'The national catalogue' },
  { path: '/katalog?fase=prepare&kategori=interview&sprog=da', status: 200, da: 'Det nationale katalog', en: 'The national catalogue' },
  { path: '/katalog/00000000-0000-4000-9000-000000000001', status: 200, da: 'Øvebanen til jobsamtaler', en: 'Interview practice' },
  { path: '/kommuner/101', status: 200, da: 'København Kommune', en: 'København Kommune' },
  { path: '/kommuner/147', status: 200, da: 'Frederiksberg Kommune', en: 'Frederiksberg Kommune' },
  { path: '/tilgaengelighed', status: 200, da: 'Tilgængelighedserklæring', en: 'Accessibility statement' },
  { path: '/api/docs', status: 200, da: 'API-dokumentation', en: 'API documentation' },
  { path: '/statistik', status: 200, da: 'Statistik', en: 'Statistics' },
  { path: '/findes-ikke', status: 404, da: 'Siden findes ikke', en: 'Page not found' },
];

for (const locale of ['da', 'en'] as const) {
  test(`every shell page renders in ${locale === 'da' ? 'Danish' : 'English'} with no WCAG 2.1 AA violation and no script or CSP error`, async () => {
    const { context, page, problems } = await newPage({ locale });
    try {
      for (const shellPage of shellPages) {
        const response = await page.goto(`${app.baseUrl}${shellPage.path}`);
        assert.equal(response?.status(), shellPage.status, shellPage.path);
        assert.equal(await page.getAttribute('html', 'lang'), locale);
        assert.equal((await page.locator('h1').first().textContent())?.trim(), shellPage[locale], shellPage.path);
        await expectAccessible(page, `${shellPage.path} (${locale})`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('the language switch works by clicking, and the choice sticks', async () => {
  const { context, page } = await newPage({ locale: 'da' });
  await page.goto(`${app.baseUrl}/kommuner/751`);
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(`${app.baseUrl}/kommuner/751`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('link', { name: 'All municipalities' }).click();
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Municipalities and jobcentres');
  await context.close();
});

test('without JavaScript, reporting an accessibility problem works end to end, errors included', async () => {
  const { context, page } = await newPage({ locale: 'da', javaScript: false });
  await page.goto(`${app.baseUrl}/tilgaengelighed`);
  await page.getByRole('button', { name: 'Send besked' }).click();
  assert.equal((await page.locator('#field-description-error').textContent())?.trim(), 'Udfyld feltet.');
  await page.getByLabel('Hvad er problemet?').fill('Tabellen over kommuner kan ikke læses op korrekt');
  await page.getByLabel('Din e-mail, hvis du vil have svar (valgfrit)').fill('borger@eksempel.dk');
  await page.getByRole('button', { name: 'Send besked' }).click();
  assert.match(page.url(), /\/tilgaengelighed\/tak\/TG-/);
  assert.match((await page.locator('main').textContent()) ?? '', /Dit referencenummer er TG-[A-Z0-9]{4}-[A-Z0-9]{4}/);
  await context.close();
});

// axe runs as a script in the page, so the accessibility of each form state is checked with JavaScript on.
test('with JavaScript, a failed form moves focus to the error summary; error, thank-you and 403 pages are accessible', async () => {
  const { context, page, problems } = await newPage({ locale: 'en' });
  await page.goto(`${app.baseUrl}/tilgaengelighed`);
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.locator('#error-summary:focus').waitFor();
  await expectAccessible(page, 'the form with errors');
  await page.getByLabel('What is the problem?').fill('The table of municipalities is read out of order');
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.waitForURL(/\/tilgaengelighed\/tak\//);
  await expectAccessible(page, 'the thank-you page');

  await page.goto(`${app.baseUrl}/tilgaengelighed`);
  await context.clearCookies();
  await page.getByLabel('What is the problem?').fill('Something that is long enough');
  await page.getByRole('button', { name: 'Send message' }).click();
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Du har ikke adgang til siden', 'without cookies the reader is back to Danish');
  await expectAccessible(page, 'the 403 page');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the accessibility check itself fails on a page with WCAG 2.1 AA violations, naming each', async () => {
  // A check that could not fail would prove nothing: an image without a text alternative and grey text on white.
  const page = await browser.newPage();
  await page.setContent(
    '<!doctype html><html lang="da"><head><title>Prøve</title></head><body><main><h1>Prøve</h1><img src="data:,"><p style="color:#bbb;background:#fff">Svag tekst</p></main></body></html>',
  );
  await assert.rejects(expectAccessible(page, 'a page with violations'), (error: Error) => {
    assert.match(error.message, /image-alt \(critical\)/);
    assert.match(error.message, /color-contrast \(serious\)/);
    return true;
  });
  await page.close();
});
