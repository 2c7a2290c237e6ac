// The consent screen and "Mine samtykker" in Chromium, in Danish and English, each page checked with axe (WCAG 2.1
// AA) on a phone-sized screen: accept on the consent screen, see the decision, a withdrawal that first asks for the
// confirmation, the request to delete, and a withdrawal with JavaScript switched off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { CONSENT_SCREEN_PATH, consentScreenRoutes, createConsentListing } from '../support/consent.ts';
import { createCitizen, createSession, principalFor } from '../support/factories.ts';

// The app in this process (it closes itself after the tests), with the test-only page standing in for the sign-on.
const testApp: TestApp = await createTestApp({ listen: true, extraRoutes: [consentScreenRoutes], env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = testApp.config.baseUrl;
const { id: vendorId } = await testApp.db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
const browser = await chromiumForFile();

const data = [
  { category: 'profile', purpose: 'For at tiltale dig ved navn.', legalBasis: 'consent' as const },
  { category: 'job_wishes', purpose: 'For at foreslå job, der passer til dine ønsker.', legalBasis: 'public_task' as const },
];

/** A citizen of København signed in at Substantial, in a phone-sized browser with the given language. */
async function citizenContext(locale: 'da' | 'en', options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  const citizen = await createCitizen(testApp.db, { municipalityCode: '101' });
  const token = await createSession(testApp.db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: options.javaScript ?? true });
  await context.addCookies([
    { name: 'lang', value: locale, url: baseUrl },
    { name: 'jobunivers-session', value: token, url: baseUrl },
  ]);
  return context;
}

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
// The page is no wider than the screen (nothing to scroll sideways on a phone).
const fitsThePhone = (page: Page) =>
  page.locator('html').evaluate((root: { scrollWidth: number; clientWidth: number }) => root.scrollWidth <= root.clientWidth);

for (const locale of ['da', 'en'] as const) {
  test(`the consent screen, Mine samtykker, withdrawal and deletion — every page accessible (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const { listingId } = await createConsentListing(testApp.db, { vendorId, data, name: 'Jobønskeguiden', deletionUri: null, worksWithoutData: true });
    const other = await createConsentListing(testApp.db, { vendorId, data, name: 'Ansøgningshjælpen', deletionUri: null, worksWithoutData: false });
    const context = await citizenContext(locale);
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}${CONSENT_SCREEN_PATH}/${listingId}`);
      assert.equal(await h1(page), t('Må Jobønskeguiden få oplysninger om dig?', 'May Jobønskeguiden (en) have information about you?'));
      const screen = await main(page);
      assert.match(screen, t(/En offentlig opgave\./, /A public task\./));
      assert.match(screen, t(/Dit svar gælder i 12 måneder/, /Your answer holds for 12 months/));
      assert.ok(await fitsThePhone(page), 'the consent screen fits a phone');
      await expectAccessible(page, `the consent screen (${locale})`);
      await page.getByRole('button', { name: t('Acceptér', 'Accept'), exact: true }).click();
      await page.waitForURL(`${baseUrl}${CONSENT_SCREEN_PATH}/${listingId}`);
      assert.match((await page.textContent('body')) ?? '', /decided: job_wishes,profile/);

      // A service that cannot be used without the data: said no to.
      await page.goto(`${baseUrl}${CONSENT_SCREEN_PATH}/${other.listingId}`);
      assert.match(await main(page), t(/kan ikke bruges uden oplysningerne/, /cannot be used without the information/));
      await page.getByRole('button', { name: t('Afvis', 'Decline'), exact: true }).click();
      await page.waitForURL(`${baseUrl}${CONSENT_SCREEN_PATH}/${other.listingId}`);

      await page.goto(`${baseUrl}/borger/samtykker`);
      assert.equal(await h1(page), t('Mine samtykker', 'My consents'));
      const mine = await main(page);
      assert.match(mine, t(/Jobønskeguiden.*Gælder.*For at tiltale dig ved navn\./, /Jobønskeguiden \(en\).*Valid.*For at tiltale dig ved navn\. \(en\)/));
      assert.match(mine, t(/Du har sagt nej/, /You said no/));
      assert.ok(await fitsThePhone(page), 'Mine samtykker fits a phone');
      await expectAccessible(page, `Mine samtykker (${locale})`);

      const receipt = await page.request.get(
        await page
          .locator('main a[download]')
          .first()
          .getAttribute('href')
          .then((href) => `${baseUrl}${href ?? ''}`),
      );
      assert.equal(receipt.status(), 200);
      assert.match(receipt.headers()['content-disposition'] ?? '', /^attachment;/);

      // Asking the vendor to delete: confirmed first; the vendor has no deletion address, which the citizen is told.
      await page
        .getByRole('link', { name: t('Bed leverandøren slette mine data (Jobønskeguiden)', 'Ask the vendor to delete my data (Jobønskeguiden (en))') })
        .click();
      await expectAccessible(page, `the deletion confirmation (${locale})`);
      await page.getByLabel(t(/Ja, bed .* slette mine oplysninger/, /Yes, ask .* to delete my information/)).check();
      await page.getByRole('button', { name: t('Send anmodningen', 'Send the request') }).click();
      await page.waitForURL(/besked=deletion_requested/);
      assert.match(await main(page), t(/kan ikke modtage anmodninger om sletning fra Jobunivers/, /cannot receive deletion requests from Jobunivers/));
      await expectAccessible(page, `Mine samtykker after a deletion request (${locale})`);

      // Withdrawal: the box unticked gives the message next to it; ticked, the consent is withdrawn.
      await page.getByRole('link', { name: t('Træk samtykket tilbage (Jobønskeguiden)', 'Withdraw the consent (Jobønskeguiden (en))') }).click();
      assert.equal(await h1(page), t('Træk dit samtykke til Jobønskeguiden tilbage', 'Withdraw your consent to Jobønskeguiden (en)'));
      await expectAccessible(page, `the withdrawal confirmation (${locale})`);
      await page.getByRole('button', { name: t('Træk samtykket tilbage', 'Withdraw the consent') }).click();
      assert.match(await main(page), t(/Sæt kryds for at bekræfte\./, /Tick the box to confirm\./));
      await expectAccessible(page, `the withdrawal confirmation with an error (${locale})`);
      await page.getByLabel(t(/Ja, jeg vil trække mit samtykke/, /Yes, I withdraw my consent/)).check();
      await page.getByRole('button', { name: t('Træk samtykket tilbage', 'Withdraw the consent') }).click();
      await page.waitForURL(/besked=withdrawn/);
      const after = await main(page);
      assert.match(after, t(/Dit samtykke er trukket tilbage/, /Your consent is withdrawn/));
      assert.match(after, t(/Trukket tilbage/, /Withdrawn/));
      await expectAccessible(page, `Mine samtykker after withdrawal (${locale})`);
    } finally {
      await context.close();
    }
  });
}

test('withdrawal works without JavaScript', async () => {
  const { listingId } = await createConsentListing(testApp.db, { vendorId, data, name: 'Uden script', deletionUri: null });
  const context = await citizenContext('da', { javaScript: false });
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}${CONSENT_SCREEN_PATH}/${listingId}`);
    await page.getByRole('button', { name: 'Acceptér', exact: true }).click();
    await page.waitForURL(`${baseUrl}${CONSENT_SCREEN_PATH}/${listingId}`);
    await page.goto(`${baseUrl}/borger/samtykker`);
    await page.getByRole('link', { name: 'Træk samtykket tilbage (Uden script)' }).click();
    await page.getByLabel(/Ja, jeg vil trække mit samtykke/).check();
    await page.getByRole('button', { name: 'Træk samtykket tilbage' }).click();
    await page.waitForURL(/besked=withdrawn/);
    assert.match(await main(page), /Dit samtykke er trukket tilbage/);
    const row = await testApp.db.selectFrom('consent_record').select('status').where('listing_id', '=', listingId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'withdrawn');
  } finally {
    await context.close();
  }
});
