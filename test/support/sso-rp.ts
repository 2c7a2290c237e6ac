// An independent relying party for the single sign-on tests: a vendor's service as openid-client 6 sees the
// platform (discovery, PAR, code + PKCE, private_key_jwt, DPoP), a tiny HTTP server publishing its keys (the
// listing's jwks_uri) and hearing back-channel logouts, and a browser stand-in with a cookie jar that follows
// redirects one step at a time and stops at the vendor's redirect URI.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import * as oidc from 'openid-client';
import type { Db } from '../../src/platform/db/database.ts';
import { createApprovedListing, type ApprovedListingOptions } from './factories.ts';
import { formToken, HttpClient, type Page } from './http-client.ts';

/** The vendor's own server: JWKS documents by path, a callback that answers 200, and a back-channel logout receiver. */
export type VendorServer = { origin: string; publish(path: string, jwks: { keys: JWK[] }): void; logoutTokens: string[]; close(): Promise<void> };

export async function startVendorServer(): Promise<VendorServer> {
  const documents = new Map<string, string>();
  const logoutTokens: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && path === '/backchannel-logout') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(200).end();
      });
      return;
    }
    const document = documents.get(path);
    if (document) return void res.writeHead(200, { 'content-type': 'application/json' }).end(document);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('vendor');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    publish: (path, jwks) => void documents.set(path, JSON.stringify(jwks)),
    logoutTokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A vendor's client key pair for private_key_jwt, its public half published at `${origin}${path}`. */
export async function vendorClientKey(server: VendorServer): Promise<{ jwksUri: string; privateKey: CryptoKey; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const path = `/jwks/${kid}.json`;
  server.publish(path, { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] });
  return { jwksUri: `${server.origin}${path}`, privateKey, kid };
}

/** openid-client's view of the platform for one listing (client), over plain http as in the tests. */
export async function relyingParty(issuer: string, clientId: string, key: { privateKey: CryptoKey; kid: string }): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, { id_token_signed_response_alg: 'ES256' }, oidc.PrivateKeyJwt({ key: key.privateKey, kid: key.kid }), {
    execute: [oidc.allowInsecureRequests],
  });
}

export type BrowserPage = Page;

/** A browser stand-in (test/support/http-client.ts) that follows redirects only within the platform. */
export class Browser extends HttpClient {
  /** Follows redirects within the platform; stops at a page, or at a redirect leaving it (the vendor's callback). */
  async follow(target: string, options: { form?: Record<string, string> } = {}): Promise<Page & { visited: string[] }> {
    let page = await this.request(target, options);
    const visited = [page.url];
    for (let hops = 0; page.location && hops < 15; hops++) {
      const next = new URL(page.location, page.url);
      if (next.origin !== new URL(this.baseUrl).origin) break;
      page = await this.request(next.href);
      visited.push(page.url);
    }
    return { ...page, visited };
  }
}

/** The CSRF field of the first form on a page. */
export const csrfOf = formToken;

export type Launch = {
  config: oidc.Configuration;
  dpop: oidc.DPoPHandle;
  verifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
};

/** Starts an authorization the way a vendor's service does: PAR (DPoP-bound) with PKCE, state and nonce. */
export async function pushAuthorization(
  config: oidc.Configuration,
  options: { redirectUri: string; scope: string; extra?: Record<string, string> },
): Promise<{ url: URL; launch: Launch }> {
  const dpop = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair('ES256'));
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = await oidc.buildAuthorizationUrlWithPAR(
    config,
    {
      redirect_uri: options.redirectUri,
      scope: options.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...options.extra,
    },
    { DPoP: dpop },
  );
  return { url, launch: { config, dpop, verifier, state, nonce, redirectUri: options.redirectUri } };
}

/** Exchanges the code at the vendor's callback for DPoP-bound tokens. */
export async function redeemCode(launch: Launch, callbackUrl: string) {
  return oidc.authorizationCodeGrant(
    launch.config,
    new URL(callbackUrl),
    { pkceCodeVerifier: launch.verifier, expectedState: launch.state, expectedNonce: launch.nonce },
    undefined,
    { DPoP: launch.dpop },
  );
}

/** A listing registered for single sign-on with its own client key, and how to sign in at it. */
export type VendorListing = {
  listingId: string;
  vendorId: string;
  versionId: string;
  key: { jwksUri: string; privateKey: CryptoKey; kid: string };
  redirectUri: string;
};

/** A listing in København registered as a client whose key `server` publishes, its redirect URI on `server`. */
export async function vendorListing(db: Db, server: VendorServer, options: Partial<ApprovedListingOptions> = {}): Promise<VendorListing> {
  const key = await vendorClientKey(server);
  const redirectUri = `${server.origin}/callback/${key.kid}`;
  const listing = await createApprovedListing(db, { redirectUris: [redirectUri], jwksUri: key.jwksUri, enabledIn: ['101'], ...options });
  return { ...listing, key, redirectUri };
}

/** A browser stand-in holding the platform session `token`. */
export function signedInBrowser(baseUrl: string, token: string): Browser {
  const browser = new Browser(baseUrl);
  browser.setCookie('jobunivers-session', token);
  return browser;
}

/**
 * Starts an authorization at a listing for the browser's session and follows it through the platform. Returns the
 * last page (for a code: a 303 whose location is the vendor's callback) and the launch to redeem it with.
 */
export async function authorize(
  issuer: string,
  listing: VendorListing,
  browser: Browser,
  scope = 'openid',
): Promise<{ page: BrowserPage & { visited: string[] }; launch: Launch; rp: oidc.Configuration }> {
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope });
  const page = await browser.follow(url.href);
  return { page, launch, rp };
}

/** The code at the end of an authorization, redeemed for tokens; fails the test when the browser did not get one. */
export async function tokensFrom(result: { page: BrowserPage; launch: Launch }) {
  const callback = result.page.location ?? '';
  if (!callback.startsWith(result.launch.redirectUri) || !new URL(callback).searchParams.has('code')) {
    throw new Error(`expected a code at the vendor's callback, got ${result.page.status} ${callback || result.page.url}\n${result.page.body.slice(0, 400)}`);
  }
  return redeemCode(result.launch, callback);
}
