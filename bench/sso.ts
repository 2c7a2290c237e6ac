// Bench scenario: a citizen's launch of a vendor service by single sign-on, consent already given — PAR, the
// authorization request, the platform's interaction, the resume, the redirect with the code, and the token request
// (private_key_jwt, DPoP) — run sequentially. Two figures per launch, each summed over its requests to the platform:
// the server time (what the app spent on each request, from its `Server-Timing: app;dur=` header — the app must run
// with SERVER_TIMING=true) and the round trip (from sending to the whole answer, on 127.0.0.1, so it adds the
// client's HTTP work and the scheduling of three processes on two cores). The relying party's own signing (client
// assertion, DPoP proofs) happens before a request is sent and is in neither. Target: median server time < 30 ms.
//
// The lead wires it into bench/run.ts, e.g.
//
//   const setup = await prepareSsoLaunch(dataDir);
//   const sso = await measureSsoLaunch(app.baseUrl, setup, { launches: 200 });
//   await setup.close();
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oidc from 'openid-client';
import { loadConsentRequest, recordConsent } from '../src/modules/consent/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { createApprovedListing, createCitizen, createSession, principalFor } from '../test/support/factories.ts';
import { Browser, pushAuthorization, redeemCode, relyingParty, startVendorServer, vendorClientKey, type VendorListing } from '../test/support/sso-rp.ts';

export type SsoLaunchSetup = { listing: VendorListing; sessionToken: string; close(): Promise<void> };

/** Medians and p95s in ms per launch: `median`/`p95` of the server time, `roundTrip` of the client's round trips. */
export type SsoLaunchFigures = {
  name: string;
  launches: number;
  median: number;
  p95: number;
  roundTrip: { median: number; p95: number };
  requestsPerLaunch: number;
};

/**
 * Makes what a launch needs in the running app's database (found through its data folder, as the other scenarios
 * do): a vendor listing whose keys a small server on this machine publishes, a citizen of København with a platform
 * session at Substantial, and the citizen's accepted consent to the listing's profile category.
 */
export async function prepareSsoLaunch(dataDir: string): Promise<SsoLaunchSetup> {
  const port = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(dataDir, 'postgres-password.txt'), 'utf8').trim();
  const { db } = createDatabase({ url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/jobunivers`, poolMax: 2 });
  const vendorServer = await startVendorServer();
  try {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const key = await vendorClientKey(vendorServer);
    const redirectUri = `${vendorServer.origin}/callback`;
    const created = await createApprovedListing(db, {
      name: 'SSO-benchmark',
      redirectUris: [redirectUri],
      jwksUri: key.jwksUri,
      dataCategories: [{ category: 'profile', purpose: 'At tiltale dig med dit navn' }],
      enabledIn: ['101'],
    });
    const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Sofie Single Sign-on' });
    await recordConsent({ db, config }, await loadConsentRequest(db, { citizenId: citizen.id, municipalityCode: '101', listingId: created.listingId }), {
      decision: 'accepted',
      locale: 'da',
    });
    const sessionToken = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
    return { listing: { ...created, key, redirectUri }, sessionToken, close: () => vendorServer.close() };
  } catch (error) {
    await vendorServer.close();
    throw error;
  } finally {
    await db.destroy();
  }
}

function quantile(sorted: number[], q: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
}

/**
 * Runs `launches` launches one after the other (after `warmup` unmeasured ones) and returns the median and p95 of the
 * summed server time and round-trip time per launch, in ms. Throws when a launch does not end in DPoP-bound tokens.
 */
export async function measureSsoLaunch(
  baseUrl: string,
  setup: SsoLaunchSetup,
  options: { launches?: number; warmup?: number } = {},
): Promise<SsoLaunchFigures> {
  const launches = options.launches ?? 200;
  const warmup = options.warmup ?? 20;
  let spent = 0;
  let served = 0;
  let requests = 0;
  const serverTime = (headers: Headers) => {
    const match = /app;dur=([\d.]+)/.exec(headers.get('server-timing') ?? '');
    if (!match) throw new Error('the app does not say its server time (run it with SERVER_TIMING=true)');
    served += Number(match[1]);
  };
  const timed: typeof fetch = async (input, init) => {
    const started = performance.now();
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    spent += performance.now() - started;
    serverTime(response.headers);
    requests += 1;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const rp = await relyingParty(`${baseUrl}/oidc`, setup.listing.listingId, setup.listing.key);
  rp[oidc.customFetch] = timed;
  const sums: number[] = [];
  const serverSums: number[] = [];
  let requestsPerLaunch = 0;
  // One browser throughout, as a citizen's: it keeps the platform session and the provider's session cookie.
  const browser = new Browser(baseUrl);
  browser.setCookie('jobunivers-session', setup.sessionToken);
  for (let i = 0; i < warmup + launches; i++) {
    spent = 0;
    served = 0;
    requests = 0;
    const { url, launch } = await pushAuthorization(rp, { redirectUri: setup.listing.redirectUri, scope: 'openid jobunivers:profile' });
    // The browser's part: authorization request → interaction → resume → redirect to the vendor with the code.
    let target = url.href;
    let location: string | undefined;
    for (let hops = 0; hops < 6; hops++) {
      const started = performance.now();
      const page = await browser.request(target);
      spent += performance.now() - started;
      serverTime(page.headers);
      requests += 1;
      location = page.location;
      if (!location) throw new Error(`the launch stopped at ${page.status} ${target}`);
      const next = new URL(location, target);
      if (next.origin !== new URL(baseUrl).origin) break;
      target = next.href;
    }
    if (!location?.startsWith(setup.listing.redirectUri)) throw new Error(`the launch did not reach the vendor: ${location ?? 'no redirect'}`);
    const tokens = await redeemCode(launch, location);
    if (tokens.token_type.toLowerCase() !== 'dpop') throw new Error('the access token is not DPoP-bound');
    if (i >= warmup) {
      sums.push(spent);
      serverSums.push(served);
      requestsPerLaunch = requests;
    }
  }
  sums.sort((a, b) => a - b);
  serverSums.sort((a, b) => a - b);
  return {
    name: 'SSO launch with consent given (sequential)',
    launches,
    median: quantile(serverSums, 0.5),
    p95: quantile(serverSums, 0.95),
    roundTrip: { median: quantile(sums, 0.5), p95: quantile(sums, 0.95) },
    requestsPerLaunch,
  };
}
