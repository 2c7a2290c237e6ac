// The citizen's single sign-on journey end to end, as `npm start` runs it: the app starts the reference vendor
// (examples/vendor-app) beside itself and seeds its listing "Referencetjenesten" for København. A citizen presses Start,
// accepts the consent screen, arrives signed in at the vendor under the platform header with a pairwise sub (stable on
// repeat) and sees exactly the consented categories; the vendor reports her completion (events API) and her timeline
// shows it; she withdraws in "Mine samtykker", the vendor's next Data API call is refused and its webhook endpoint is
// told (consent.withdrawn); Min Log shows every read with its purpose; "Log af" in the header ends the platform session and, by
// back-channel logout, the vendor's. A second vendor (another instance of the reference app, another company) gets
// another pairwise sub for the same citizen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { REFERENCE_LISTING_ID } from '../../src/modules/reference-vendor/index.ts';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';
import { createApprovedListing } from '../support/factories.ts';
import { startReferenceVendor } from '../support/reference-vendor.ts';
import { freePort } from '../support/server.ts';
import { temporaryFolder } from '../support/temporary.ts';

type BrowserNode = { shadowRoot: { textContent: string | null } | null };
declare const document: { querySelector(selector: string): unknown };

const vendorPort = await freePort();
const vendorUrl = `http://127.0.0.1:${vendorPort}`;
// Jobs on: the app's webhook sender (a one-second poll while jobs run) delivers to the reference vendor's endpoint,
// which the demo seed registered with the secret the vendor is started with. The vendor keeps what it received in
// <DATA_DIR>/reference-vendor/platform.json. The job queue is asked for work only every 10 minutes: the deletion
// request a withdrawal queues would end the citizen's session at the vendor, and this test looks at the vendor's page
// right after the withdrawal to see its Data API calls refused (deletion requests have tests of their own).
const dataDir = temporaryFolder('jobunivers-app-');
const { app, browser, database } = await appInChromium({
  SEED_DEMO: 'true',
  RATE_LIMIT_FORMS_PER_MINUTE: '1000',
  REFERENCE_VENDOR_PORT: String(vendorPort),
  JOBS_ENABLED: 'true',
  JOBS_POLL_SECONDS: '600',
  DATA_DIR: dataDir,
});
// The app started the reference vendor as a child process; wait until it answers.
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${vendorUrl}/healthz`)).ok) break;
  } catch {
    // not yet
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
// Another company's service, registered as its own client, enabled in København too.
const secondPort = await freePort();
const secondOrigin = `http://127.0.0.1:${secondPort}`;
const { listingId: secondListingId } = await createApprovedListing(database.db, {
  name: 'Anden leverandørs tjeneste',
  redirectUris: [`${secondOrigin}/callback`],
  jwksUri: `${secondOrigin}/.well-known/jwks.json`,
  initiateLoginUri: `${secondOrigin}/login`,
  backchannelLogoutUri: `${secondOrigin}/backchannel-logout`,
  dataCategories: [{ category: 'profile', purpose: 'For at vise dit navn.' }],
  enabledIn: ['101'],
});
const second = await startReferenceVendor({ issuer: `${app.baseUrl}/oidc`, clientId: secondListingId, port: secondPort });
after(() => second.stop());

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const categoryText = async (page: Page, code: string) => ((await page.locator(`#kategori-${code}`).textContent()) ?? '').replace(/\s+/g, ' ');

test('Start → consent → signed in at the reference vendor under the platform header; withdrawal stops its reads; Min Log shows them', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInAtTestIdp(page, `${app.baseUrl}/borger/markedsplads/${REFERENCE_LISTING_ID}`, /Mette Jensen/);
    assert.match(await main(page), /Kan bruges uden dine data/);
    await page.getByRole('button', { name: 'Start', exact: true }).click();

    // The consent screen names every category with its purpose; accept.
    await page
      .getByRole('button', { name: 'Acceptér', exact: true })
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        throw new Error(`no consent screen; the browser is at ${page.url()}: ${(await main(page)).slice(0, 500)}`, { cause: error });
      });
    assert.match(await main(page), /For at hilse på dig med navn og vise din kommune\./);
    await expectAccessible(page, 'the consent screen for the reference service');
    await page.getByRole('button', { name: 'Acceptér', exact: true }).click();

    await page.waitForURL(`${vendorUrl}/`);
    assert.match(await main(page), /Du er logget ind via Jobunivers\./);
    const sub = (await page.locator('#sub').textContent())?.trim() ?? '';
    assert.match(sub, /^[A-Za-z0-9_-]{20,}$/, 'a pairwise subject, not a CPR number or the citizen id');
    for (const code of ['profile', 'contact', 'cv', 'job_wishes', 'plan']) assert.match(await categoryText(page, code), /Delt/, code);
    assert.match(await categoryText(page, 'profile'), /"firstName": "Mette"/);

    // The platform header shows her first name and municipality.
    await page.waitForFunction(() => (document.querySelector('jobunivers-header') as BrowserNode | null)?.shadowRoot?.textContent?.includes('Mette') === true);
    const headerText = await page.locator('jobunivers-header').evaluate((node) => (node as unknown as BrowserNode).shadowRoot?.textContent ?? '');
    assert.match(headerText, /Logget ind som Mette, København Kommune/);
    await expectAccessible(page, 'the reference vendor signed in');

    // The service reports the citizen's completion to the events API (a CloudEvent); the platform stores it, and her
    // timeline shows it.
    await page.getByRole('button', { name: 'Markér som gennemført', exact: true }).click();
    await page.waitForURL(`${vendorUrl}/?rapport=completed`);
    assert.match(await main(page), /Vi har fortalt Jobunivers, at du har gennemført forløbet\./);
    await page.goto(`${app.baseUrl}/borger/tidslinje`);
    assert.match(await main(page), /Du gennemførte Referencetjenesten\./);

    // Again: no consent screen, the same sub.
    await page.goto(`${app.baseUrl}/borger/markedsplads/${REFERENCE_LISTING_ID}`);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(`${vendorUrl}/`);
    assert.equal((await page.locator('#sub').textContent())?.trim(), sub, 'stable on repeat');

    // Another vendor: the same citizen gets another pairwise sub there.
    await page.goto(`${app.baseUrl}/borger/markedsplads/${secondListingId}`);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Acceptér', exact: true }).click();
    await page.waitForURL(`${second.baseUrl}/`);
    const otherSub = (await page.locator('#sub').textContent())?.trim() ?? '';
    assert.match(otherSub, /^[A-Za-z0-9_-]{20,}$/);
    assert.notEqual(otherSub, sub, 'a different sub at another vendor');
    assert.match(await categoryText(page, 'profile'), /Delt/);
    assert.match(await categoryText(page, 'cv'), /Ikke delt/, 'only what this listing asked for and the citizen accepted');

    // Withdraw in "Mine samtykker": the reference vendor's very next Data API calls are refused.
    await page.goto(`${app.baseUrl}/borger/samtykker`);
    await expectAccessible(page, 'Mine samtykker');
    await page.getByRole('link', { name: /Træk samtykket tilbage \(Referencetjenesten\)/ }).click();
    await page.getByLabel(/Ja, jeg vil trække mit samtykke/).check();
    await page.getByRole('button', { name: 'Træk samtykket tilbage' }).click();
    await page.waitForURL(/besked=withdrawn/);
    const withdrawn = Date.now();
    await page.goto(`${vendorUrl}/`);
    const refusedWithin = Date.now() - withdrawn;
    for (const code of ['profile', 'contact', 'cv', 'job_wishes', 'plan']) assert.match(await categoryText(page, code), /Ikke delt/, code);
    assert.ok(refusedWithin < 1000, `the vendor's next calls, ${refusedWithin} ms after the withdrawal, were refused`);
    // The other vendor's consent is untouched.
    await page.goto(`${second.baseUrl}/`);
    assert.match(await categoryText(page, 'profile'), /Delt/);
    // The reference vendor was told by a webhook it verified (Standard Webhooks, its secret), naming her by its sub.
    const webhooksReceived = () => {
      try {
        const state = JSON.parse(readFileSync(path.join(dataDir, 'reference-vendor', 'platform.json'), 'utf8')) as {
          received: { via: string; type: string; subject?: string }[];
        };
        return state.received.filter((r) => r.via === 'webhook');
      } catch {
        return [];
      }
    };
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !webhooksReceived().some((r) => r.type === 'consent.withdrawn');)
      await page.waitForTimeout(100);
    assert.deepEqual(
      webhooksReceived()
        .filter((r) => r.type === 'consent.withdrawn')
        .map((r) => r.subject),
      [sub],
      'the consent.withdrawn webhook reached the reference vendor',
    );

    // Min Log: the vendors' reads, with their purposes.
    await page.goto(`${app.baseUrl}/borger/min-log`);
    const log = await main(page);
    assert.match(log, /Jobunivers Referenceleverandør \(demo\)/);
    assert.match(log, /For at hilse på dig med navn og vise din kommune\./);
    assert.match(log, /For at vise dit navn\./);

    // "Log af" in the platform header (at the second vendor, which still reads the header): the platform's sign-out
    // page; signing out ends the platform session and, by back-channel logout, the vendor's.
    await page.goto(`${second.baseUrl}/`);
    await page.waitForFunction(() => (document.querySelector('jobunivers-header') as BrowserNode | null)?.shadowRoot?.textContent?.includes('Log af') === true);
    await page.locator('jobunivers-header').getByRole('link', { name: 'Log af' }).click();
    await page.waitForURL(`${app.baseUrl}/log-af`);
    await expectAccessible(page, 'the sign-out page');
    await page.locator('main').getByRole('button', { name: 'Log af', exact: true }).click();
    await page.waitForURL(/\/log-af\/faerdig/);
    // The back-channel logout reaches the vendor after the citizen's sign-out is answered (it is not made to wait for
    // vendors' endpoints): the vendor's page is opened again until it shows the sign-out, for at most five seconds.
    let vendorPage = '';
    for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
      await page.goto(`${second.baseUrl}/`);
      vendorPage = await main(page);
      if (/Du er ikke logget ind\./.test(vendorPage)) break;
      await page.waitForTimeout(100);
    }
    assert.match(vendorPage, /Du er ikke logget ind\./, 'the vendor heard of the sign-out');
    await page.goto(`${app.baseUrl}/borger`);
    assert.ok(!page.url().startsWith(`${app.baseUrl}/borger`), 'the platform session has ended');
  } finally {
    await context.close();
  }
});
