// Single sign-on into a vendor service in Chromium: a vendor's service (openid-client in this test, its callback a
// small server on this machine) sends the citizen to the platform, who signs in with the test IdP, sees the consent
// screen (axe, both languages), accepts, and arrives at the vendor's callback with a code — the consent form's answer
// ends in a redirect to another origin, which Chrome allows only because the page's form-action names that origin.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';
import { createApprovedListing } from '../support/factories.ts';
import { pushAuthorization, redeemCode, relyingParty, startVendorServer, vendorClientKey } from '../support/sso-rp.ts';

const { app, browser, database } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });
const vendorServer = await startVendorServer();
after(() => vendorServer.close());

test('a citizen goes from a vendor service through sign-in and the consent screen back to the vendor with a code', async () => {
  const key = await vendorClientKey(vendorServer);
  const redirectUri = `${vendorServer.origin}/callback`;
  const listing = await createApprovedListing(database.db, {
    name: 'Jobmatch Prøve',
    redirectUris: [redirectUri],
    jwksUri: key.jwksUri,
    dataCategories: [
      { category: 'profile', purpose: 'At tiltale dig ved navn' },
      { category: 'contact', purpose: 'At kunne kontakte dig om forløbet' },
    ],
    enabledIn: ['101'],
  });
  const issuer = `${app.baseUrl}/oidc`;
  const rp = await relyingParty(issuer, listing.listingId, key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri, scope: 'openid jobunivers:profile jobunivers:contact' });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAtTestIdp(page, url.href, /Mette/);
  assert.match(page.url(), /\/oidc-interaktion\//);
  await expectAccessible(page, 'the consent screen (da)');
  await page.getByRole('button', { name: 'Acceptér' }).click();
  await page.waitForURL((address) => address.href.startsWith(redirectUri));
  const callback = new URL(page.url());
  assert.ok(callback.searchParams.get('code'), 'the vendor got a code');
  const tokens = await redeemCode(launch, callback.href);
  assert.deepEqual(tokens.scope?.split(' ').sort(), ['jobunivers:contact', 'jobunivers:profile', 'openid']);
  await context.close();
});

test('the consent screen in English passes axe too, and declining where the service works without data still lets the citizen in', async () => {
  const key = await vendorClientKey(vendorServer);
  const redirectUri = `${vendorServer.origin}/callback-en`;
  const listing = await createApprovedListing(database.db, {
    redirectUris: [redirectUri],
    jwksUri: key.jwksUri,
    dataCategories: [{ category: 'cv', purpose: 'At foreslå job ud fra dit CV' }],
    worksWithoutData: true,
    enabledIn: ['101'],
  });
  const rp = await relyingParty(`${app.baseUrl}/oidc`, listing.listingId, key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri, scope: 'openid jobunivers:cv' });
  const context = await browser.newContext();
  await context.addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
  const page = await context.newPage();
  await signInAtTestIdp(page, url.href, /Mette/);
  await expectAccessible(page, 'the consent screen (en)');
  await page.locator('button[name="decision"][value="declined"]').click();
  await page.waitForURL((address) => address.href.startsWith(redirectUri));
  const tokens = await redeemCode(launch, page.url());
  assert.equal(tokens.scope, 'openid');
  await context.close();
});
