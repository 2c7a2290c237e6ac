// The platform as OpenID Provider, through the real app over real HTTP: the citizen's platform session is the login
// (sign in and back when there is none), the municipality must have enabled the listing, the consent screen decides
// the data scopes (accept, decline where the service works without data, decline where it does not), clients exist
// only for live listings, and the marketplace's Start hands over by third-party initiated login.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as oidc from 'openid-client';
import { loadConsentRequest, recordConsent } from '../src/modules/consent/index.ts';
import { encryptSecret } from '../src/platform/crypto/sealed-secret.ts';
import { pruneOidcModelsJob } from '../src/modules/sso/index.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp } from './support/app.ts';
import { createApprovedListing, createCitizen, createSession, principalFor, type ApprovedListingOptions } from './support/factories.ts';
import {
  authorize,
  Browser,
  csrfOf,
  pushAuthorization,
  relyingParty,
  signedInBrowser,
  startVendorServer,
  tokensFrom,
  vendorListing as registerListing,
  type VendorListing,
} from './support/sso-rp.ts';

const { config, db } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const issuer = `${config.baseUrl}/oidc`;
const vendorServer = await startVendorServer();
after(() => vendorServer.close());

const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Mette Prøve Jensen' });
const session = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));

const vendorListing = (options: Partial<ApprovedListingOptions> = {}): Promise<VendorListing> => registerListing(db, vendorServer, options);
const signedIn = (token = session): Browser => signedInBrowser(config.baseUrl, token);

const profileAndContact = [
  { category: 'profile', purpose: 'At tiltale dig ved navn' },
  { category: 'contact', purpose: 'At kunne kontakte dig om forløbet' },
];

test('without a platform session the interaction sends the browser to sign in and back; with one it ends in a code', async () => {
  const listing = await vendorListing();
  const browser = new Browser(config.baseUrl);
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope: 'openid' });
  const toInteraction = await browser.request(url.href);
  const page = await browser.request(toInteraction.location ?? '');
  assert.equal(page.status, 303);
  const signIn = new URL(page.location ?? '', config.baseUrl);
  assert.equal(signIn.pathname, '/log-ind/borger');
  const back = signIn.searchParams.get('tilbage') ?? '';
  assert.match(back, /^\/oidc-interaktion\/[\w-]+$/);
  assert.equal(signIn.searchParams.get('niveau'), 'Substantial');
  // The sign-in itself is identity's (tested there): the browser comes back with a session to where it left.
  browser.setCookie('jobunivers-session', session);
  const resumed = await browser.follow(back);
  const tokens = await tokensFrom({ page: resumed, launch });
  assert.equal(tokens.token_type.toLowerCase(), 'dpop');
});

test('a listing the citizen’s municipality has not enabled is refused with a clear page, and no code', async () => {
  const listing = await vendorListing({ enabledIn: ['751'] });
  const { page } = await authorize(issuer, listing, signedIn());
  assert.equal(page.status, 403);
  assert.match(page.body, /tilbydes ikke af din kommune/);
  assert.ok(!page.location);
});

test('consent: the screen shows before the first launch, accepting grants exactly the accepted categories the client asked for, and the next launch goes straight through', async () => {
  const listing = await vendorListing({ dataCategories: profileAndContact });
  const browser = signedIn();
  const first = await authorize(issuer, listing, browser, 'openid jobunivers:profile jobunivers:contact jobunivers:cv');
  assert.equal(first.page.status, 200);
  assert.match(first.page.body, /name="decision" value="accepted"/);
  // The answer's redirect ends at the vendor: this page's form-action allows the vendor's origin (Chrome checks the chain).
  const csp = first.page.headers.get('content-security-policy') ?? '';
  assert.match(csp, new RegExp(`form-action 'self' ${vendorServer.origin.replace(/[.]/g, '\\.')}`));
  const uid = /\/oidc-interaktion\/([\w-]+)/.exec(first.page.url)?.[1] ?? '';
  const answered = await browser.follow(`/oidc-interaktion/${uid}/samtykke`, { form: { _csrf: csrfOf(first.page.body), decision: 'accepted' } });
  const tokens = await tokensFrom({ page: answered, launch: first.launch });
  assert.deepEqual(tokens.scope?.split(' ').sort(), ['jobunivers:contact', 'jobunivers:profile', 'openid']);
  assert.equal(tokens.claims()?.name, undefined, 'no personal data in the id token');
  const userinfo = await oidc.fetchUserInfo(first.rp, tokens.access_token, tokens.claims()?.sub ?? '', { DPoP: first.launch.dpop });
  assert.equal(userinfo.name, 'Mette Prøve Jensen');
  assert.equal(userinfo.given_name, 'Mette');

  const again = await authorize(issuer, listing, browser, 'openid jobunivers:profile');
  const second = await tokensFrom(again);
  assert.deepEqual(second.scope?.split(' ').sort(), ['jobunivers:profile', 'openid']);
});

test('a launch skips the interaction only while everything it checks still holds: the same citizen at the same level, the listing enabled, the grant what the consent gives', async () => {
  const listing = await vendorListing({ dataCategories: profileAndContact });
  const browser = signedIn();
  const scope = 'openid jobunivers:profile';
  const interactionIn = (page: { visited: string[] }) => page.visited.some((url) => url.includes('/oidc-interaktion/'));
  const first = await authorize(issuer, listing, browser, scope);
  const uid = /\/oidc-interaktion\/([\w-]+)/.exec(first.page.url)?.[1] ?? '';
  const firstTokens = await tokensFrom({
    page: await browser.follow(`/oidc-interaktion/${uid}/samtykke`, { form: { _csrf: csrfOf(first.page.body), decision: 'accepted' } }),
    launch: first.launch,
  });

  // Nothing changed: straight from the authorization request to the code, the same subject, acr and name.
  const again = await authorize(issuer, listing, browser, scope);
  assert.equal(interactionIn(again.page), false, again.page.visited.join(' → '));
  const againTokens = await tokensFrom(again);
  assert.equal(againTokens.claims()?.sub, firstTokens.claims()?.sub);
  assert.equal(againTokens.claims()?.acr, 'https://data.gov.dk/concept/core/nsis/loa/Substantial');
  const userinfo = await oidc.fetchUserInfo(again.rp, againTokens.access_token, againTokens.claims()?.sub ?? '', { DPoP: again.launch.dpop });
  assert.equal(userinfo.name, 'Mette Prøve Jensen');
  // So `prompt=none` gets a code too.
  const quiet = await pushAuthorization(again.rp, { redirectUri: listing.redirectUri, scope, extra: { prompt: 'none' } });
  assert.equal((await tokensFrom({ page: await browser.follow(quiet.url.href), launch: quiet.launch })).claims()?.sub, firstTokens.claims()?.sub);

  // Asking for more than the grant holds (the consent covers it): through the interaction, no consent screen.
  const more = await authorize(issuer, listing, browser, 'openid jobunivers:profile jobunivers:contact');
  assert.equal(interactionIn(more.page), true);
  assert.deepEqual((await tokensFrom(more)).scope?.split(' ').sort(), ['jobunivers:contact', 'jobunivers:profile', 'openid']);

  // The municipality stops offering the listing: refused at once, though the browser's grant still exists.
  await db.deleteFrom('municipality_listing').where('listing_id', '=', listing.listingId).execute();
  const disabled = await authorize(issuer, listing, browser, scope);
  assert.equal(disabled.page.status, 403);
  await db.insertInto('municipality_listing').values({ municipality_code: '101', listing_id: listing.listingId, enabled_by: 'test' }).execute();

  // A session at another level (a step-up to High since): through the interaction, and the new level is the acr.
  const both = 'openid jobunivers:profile jobunivers:contact';
  assert.equal(interactionIn((await authorize(issuer, listing, browser, both)).page), false, 'the grant now holds both');
  const high = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'High' }));
  browser.setCookie('jobunivers-session', high);
  const stepped = await authorize(issuer, listing, browser, both);
  assert.equal(interactionIn(stepped.page), true);
  assert.equal((await tokensFrom(stepped)).claims()?.acr, 'https://data.gov.dk/concept/core/nsis/loa/High');

  // Another citizen, who has consented too, in the same browser whose provider session is still Mette's (her
  // platform session did not end — a sign-out would have ended it): through the interaction, where the provider
  // asks to end Mette's session first; no code at all, so never one of Mette's.
  const other = await createCitizen(db, { municipalityCode: '101', name: 'Anden Borger' });
  const otherPrincipal = principalFor('citizen', { municipalityCode: '101', citizenId: other.id, nsisLevel: 'High' });
  await recordConsent({ db, config }, await loadConsentRequest(db, { citizenId: other.id, municipalityCode: '101', listingId: listing.listingId }), {
    decision: 'accepted',
    locale: 'da',
  });
  browser.setCookie('jobunivers-session', await createSession(db, otherPrincipal));
  const otherLaunch = await authorize(issuer, listing, browser, both);
  assert.equal(interactionIn(otherLaunch.page), true);
  assert.ok(!otherLaunch.page.location?.startsWith(listing.redirectUri), 'no code');
  assert.match(otherLaunch.page.body, /\/oidc\/session\/end\/confirm/);

  // Mette withdraws her consent (Mine samtykker): the next launch asks again.
  browser.setCookie('jobunivers-session', high);
  const consent = await db
    .selectFrom('consent_record')
    .select('id')
    .where('citizen_id', '=', citizen.id)
    .where('listing_id', '=', listing.listingId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  const confirm = await browser.request(`/borger/samtykker/${consent.id}/traek-tilbage`);
  assert.equal((await browser.request(`/borger/samtykker/${consent.id}/traek-tilbage`, { form: { _csrf: csrfOf(confirm.body), confirm: 'yes' } })).status, 303);
  const afterWithdrawal = await authorize(issuer, listing, browser, scope);
  assert.equal(afterWithdrawal.page.status, 200);
  assert.match(afterWithdrawal.page.body, /name="decision" value="accepted"/);
});

test('declining where the service works without data signs the citizen in with no data scopes', async () => {
  const listing = await vendorListing({ dataCategories: profileAndContact, worksWithoutData: true });
  const browser = signedIn();
  const first = await authorize(issuer, listing, browser, 'openid jobunivers:profile');
  const uid = /\/oidc-interaktion\/([\w-]+)/.exec(first.page.url)?.[1] ?? '';
  const answered = await browser.follow(`/oidc-interaktion/${uid}/samtykke`, { form: { _csrf: csrfOf(first.page.body), decision: 'declined' } });
  const tokens = await tokensFrom({ page: answered, launch: first.launch });
  assert.equal(tokens.scope, 'openid');
});

test('declining where the service needs the data returns access_denied to the service', async () => {
  const listing = await vendorListing({ dataCategories: profileAndContact, worksWithoutData: false });
  const browser = signedIn();
  const first = await authorize(issuer, listing, browser, 'openid jobunivers:profile');
  const uid = /\/oidc-interaktion\/([\w-]+)/.exec(first.page.url)?.[1] ?? '';
  const answered = await browser.follow(`/oidc-interaktion/${uid}/samtykke`, { form: { _csrf: csrfOf(first.page.body), decision: 'declined' } });
  const callback = new URL(answered.location ?? '');
  assert.equal(`${callback.origin}${callback.pathname}`, listing.redirectUri);
  assert.equal(callback.searchParams.get('error'), 'access_denied');
  assert.equal(callback.searchParams.has('code'), false);
});

test('the consent answer is CSRF-checked, and an answer without a decision shows the screen again with the message', async () => {
  const listing = await vendorListing({ dataCategories: profileAndContact });
  const browser = signedIn();
  const first = await authorize(issuer, listing, browser, 'openid jobunivers:profile');
  const uid = /\/oidc-interaktion\/([\w-]+)/.exec(first.page.url)?.[1] ?? '';
  const forged = await browser.request(`/oidc-interaktion/${uid}/samtykke`, { form: { _csrf: 'forged', decision: 'accepted' } });
  assert.equal(forged.status, 403);
  assert.ok(!forged.location);
  const undecided = await browser.request(`/oidc-interaktion/${uid}/samtykke`, { form: { _csrf: csrfOf(first.page.body) } });
  assert.equal(undecided.status, 400);
  assert.match(undecided.body, /Vælg, om du vil give tjenesten adgang til oplysningerne/);
});

test('a suspended or delisted listing has no client: its authorization requests are refused', async () => {
  const listing = await vendorListing();
  await db.updateTable('listing_version').set({ status: 'suspended' }).where('id', '=', listing.versionId).execute();
  await assert.rejects(authorize(issuer, listing, signedIn()), (error: { error?: string }) => error.error === 'invalid_client');
});

test('an unknown interaction is not found, not an error', async () => {
  const response = await signedIn().request('/oidc-interaktion/no-such-interaction');
  assert.equal(response.status, 404);
});

test('Start in the marketplace hands over by third-party initiated login (iss, target_link_uri) and still records the launch', async () => {
  const listing = await vendorListing({ initiateLoginUri: 'https://tjeneste.example/login/start', serviceUrl: 'https://tjeneste.example/app' });
  const browser = signedIn();
  const page = await browser.request(`/borger/markedsplads/${listing.listingId}`);
  assert.equal(page.status, 200);
  const started = await browser.follow(`/borger/markedsplads/${listing.listingId}/start`, { form: { _csrf: csrfOf(page.body) } });
  assert.equal(started.status, 200);
  const refresh = started.headers.get('refresh') ?? '';
  const target = new URL(refresh.replace(/^0; url=/, ''));
  assert.equal(`${target.origin}${target.pathname}`, 'https://tjeneste.example/login/start');
  assert.equal(target.searchParams.get('iss'), issuer);
  assert.equal(target.searchParams.get('target_link_uri'), 'https://tjeneste.example/app');
  assert.ok(started.body.includes(target.href.replace(/&/g, '&amp;')), 'the page links the same address');
  const launches = await db
    .selectFrom('listing_launch')
    .select('listing_id')
    .where('citizen_id', '=', citizen.id)
    .where('listing_id', '=', listing.listingId)
    .execute();
  assert.equal(launches.length, 1);
});

test('the nightly housekeeping removes the provider’s expired rows and keeps live ones', async () => {
  await db
    .insertInto('oidc_model')
    .values([
      { kind: 'DPoPProof', id: 'expired-proof-for-the-prune-test', payload: '{}', expires_at: new Date(Date.now() - 3_600_000) },
      { kind: 'DPoPProof', id: 'live-proof-for-the-prune-test', payload: '{}', expires_at: new Date(Date.now() + 3_600_000) },
    ])
    .execute();
  await pruneOidcModelsJob.handle({}, { db, config, logger: createLogger({ level: 'silent' }) });
  const left = await db
    .selectFrom('oidc_model')
    .select('id')
    .where('id', 'in', ['expired-proof-for-the-prune-test', 'live-proof-for-the-prune-test'])
    .execute();
  assert.deepEqual(
    left.map((row) => row.id),
    ['live-proof-for-the-prune-test'],
  );
});

test('a listing that authenticates with client_secret_basic (secret kept encrypted) signs in too; a wrong secret does not', async () => {
  const redirectUri = `${vendorServer.origin}/callback/secret-${Date.now()}`;
  const listing = await createApprovedListing(db, {
    redirectUris: [redirectUri],
    clientAuth: 'client_secret_basic',
    sealedSecret: encryptSecret(config.cookieSecret, 'et-langt-hemmeligt-klientkodeord'),
    enabledIn: ['101'],
  });
  const discover = (secret: string) =>
    oidc.discovery(new URL(issuer), listing.listingId, { id_token_signed_response_alg: 'ES256' }, oidc.ClientSecretBasic(secret), {
      execute: [oidc.allowInsecureRequests],
    });
  const rp = await discover('et-langt-hemmeligt-klientkodeord');
  const { url, launch } = await pushAuthorization(rp, { redirectUri, scope: 'openid' });
  const page = await signedIn().follow(url.href);
  const tokens = await tokensFrom({ page, launch });
  assert.equal(tokens.token_type.toLowerCase(), 'dpop');
  // A wrong secret: 401 with a Basic challenge naming invalid_client.
  await assert.rejects(pushAuthorization(await discover('forkert'), { redirectUri, scope: 'openid' }), (error: unknown) => {
    if (!(error instanceof oidc.WWWAuthenticateChallengeError)) return false;
    return error.status === 401 && error.cause.some((challenge) => challenge.parameters.error === 'invalid_client');
  });
});
