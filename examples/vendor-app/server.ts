// The reference vendor application: a vendor service that citizens start from Jobunivers with single sign-on, that
// reads the data the citizen agreed to share, shows the platform header, and honours logout and deletion requests.
// A vendor's developer can copy it: plain node:http, openid-client 6 for OpenID Connect, jose for the platform's
// tokens. Run it with `node examples/vendor-app/server.ts` (see README.md).
//
//   GET  /.well-known/jwks.json   our public key (the listing's jwks_uri; private_key_jwt)
//   GET  /login                   third-party initiated login (the listing's initiate_login_uri): iss, target_link_uri
//   GET  /callback                the redirect_uri: code → DPoP-bound tokens → our own session
//   GET  /                        who is signed in, and exactly the data the platform let us read
//   POST /backchannel-logout      the platform's logout token ends our session (the listing's backchannel_logout_uri)
//   POST /deletion                the platform's deletion request (the listing's deletion_uri, docs/VENDOR-DELETION.md)
//   POST /aktivitet               the citizen's button: report progress or completion as a CloudEvent (events API)
//   POST /webhooks                the platform's webhooks, verified (Standard Webhooks) and recorded
// and, in the background, it follows the public catalogue feed and our company's feed with cursors it keeps.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadVendorConfig, type VendorConfig } from './config.ts';
import { loadOrCreateClientKey } from './keys.ts';
import { discoverPlatform, finishLogin, readConsentedData, readDataApi, startLogin, type Platform } from './oidc.ts';
import { sendActivityEvent, startFeedLoop } from './platform-api.ts';
import { PlatformState, Store, type Session } from './store.ts';
import { platformKeys, verifyDeletionRequest, verifyLogoutToken, type PlatformKeys } from './tokens.ts';
import { errorPage, signedInPage, signedOutPage, stylesheet, type HeaderData } from './views.ts';
import { verifyWebhook } from './webhooks.ts';

const LOGIN_LIFETIME_MS = 10 * 60_000;
const MAX_BODY_BYTES = 64 * 1024;

// The one place the environment is read: this is a separate program from the platform.
// eslint-disable-next-line no-restricted-properties
const vendor = loadVendorConfig(process.env);
// Cookies are kept per host, not per port: two copies of this service on one machine (the end-to-end tests run two
// vendors on 127.0.0.1) would overwrite each other's cookies, so the names carry the port. One service on its own
// host needs no such suffix.
const SESSION_COOKIE = `refsvc_session_${vendor.port}`;
const LOGIN_COOKIE = `refsvc_login_${vendor.port}`;
const key = await loadOrCreateClientKey(vendor.privateKeyFile);
const store = new Store(vendor.dataDir);
const platformState = new PlatformState(vendor.dataDir);
const secureCookies = vendor.publicUrl.startsWith('https:');

// The platform may start after us: discovery happens at first use and is tried again after a failure.
let platform: Promise<{ platform: Platform; keys: PlatformKeys }> | undefined;
function connect(): Promise<{ platform: Platform; keys: PlatformKeys }> {
  platform ??= discoverPlatform(vendor, key).then(
    (discovered) => ({ platform: discovered, keys: platformKeys(discovered.jwksUri) }),
    (error: unknown) => {
      platform = undefined;
      throw error;
    },
  );
  return platform;
}

// Our pages load scripts from the platform only (the header) and styles from ourselves only.
const pageHeaders = (vendorConfig: VendorConfig) => ({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': `default-src 'none'; script-src ${new URL(vendorConfig.platformUrl).origin}; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string | string[]> = pageHeaders(vendor)): void {
  res.writeHead(status, headers).end(body);
}

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra });
}

function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secureCookies ? '; Secure' : ''}`;
}

function cookiesOf(req: IncomingMessage): Map<string, string> {
  return new Map(
    (req.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim().split('=', 2) as [string, string])
      .filter(([name, value]) => name && value !== undefined),
  );
}

function currentSession(req: IncomingMessage): Session | undefined {
  const id = cookiesOf(req).get(SESSION_COOKIE);
  const session = id ? store.sessions.get(id) : undefined;
  if (session && session.expiresAt < Date.now()) {
    store.sessions.delete(session.id);
    return undefined;
  }
  return session;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Third-party initiated login: the platform (or a link) names the issuer; we start only for our own. */
async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const iss = url.searchParams.get('iss');
  if (iss !== vendor.issuer) {
    send(res, 400, errorPage(vendor, 'Ukendt udsteder', 'Login kan kun startes fra Jobunivers (iss skal være platformens udsteder).'));
    return;
  }
  // Only addresses of our own are places to return to.
  const target = url.searchParams.get('target_link_uri');
  const returnTo = target && target.startsWith(`${vendor.publicUrl}/`) ? target : `${vendor.publicUrl}/`;
  const { platform: discovered } = await connect();
  const { redirectTo, pending } = await startLogin(discovered, vendor, returnTo);
  for (const [state, old] of store.pending) if (Date.now() - old.createdAt > LOGIN_LIFETIME_MS) store.pending.delete(state);
  store.pending.set(pending.state, pending);
  // The state is bound to this browser by a cookie, so a callback with someone else's code is refused.
  send(res, 303, '', { location: redirectTo.href, 'set-cookie': cookie(LOGIN_COOKIE, pending.state, LOGIN_LIFETIME_MS / 1000), 'cache-control': 'no-store' });
}

async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const state = url.searchParams.get('state') ?? '';
  const pending = store.pending.get(state);
  if (!pending || cookiesOf(req).get(LOGIN_COOKIE) !== state || Date.now() - pending.createdAt > LOGIN_LIFETIME_MS) {
    send(
      res,
      400,
      errorPage(vendor, 'Login kunne ikke gennemføres', 'Login er udløbet eller blev startet i en anden browser. Start tjenesten fra Jobunivers igen.'),
    );
    return;
  }
  store.pending.delete(state);
  if (url.searchParams.has('error')) {
    send(res, 400, errorPage(vendor, 'Login blev afbrudt', `Jobunivers svarede: ${url.searchParams.get('error') ?? ''}`));
    return;
  }
  const { platform: discovered } = await connect();
  const session = await finishLogin(discovered, new URL(`${vendor.publicUrl}${url.pathname}${url.search}`), pending);
  store.sessions.set(session.id, session);
  store.rememberCitizen(session.sub, []);
  // The citizen started our service: tell the platform (their plan shows it as begun). A failure does not stop the login.
  if (vendor.apiClient)
    void sendActivityEvent(vendor, session.sub, 'started', {}).then((answer) => {
      if (answer.status >= 300) process.stderr.write(`reference vendor: the started event answered ${answer.status}: ${JSON.stringify(answer.body)}\n`);
    });
  const maxAge = Math.max(1, Math.floor((session.expiresAt - Date.now()) / 1000));
  send(res, 303, '', {
    location: pending.returnTo,
    'set-cookie': [cookie(SESSION_COOKIE, session.id, maxAge), cookie(LOGIN_COOKIE, '', 0)],
    'cache-control': 'no-store',
  });
}

const reportNotes: Record<string, string> = {
  progress: 'Vi har fortalt Jobunivers, at du er halvvejs.',
  completed: 'Vi har fortalt Jobunivers, at du har gennemført forløbet.',
  failed: 'Jobunivers tog ikke imod beskeden. Prøv igen om lidt.',
};

async function home(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const session = currentSession(req);
  if (!session) {
    send(res, 200, signedOutPage(vendor));
    return;
  }
  const { platform: discovered } = await connect();
  // The header's data and every category, each with its own DPoP proof; nothing of it is stored beyond this page.
  const [header, reads] = await Promise.all([readDataApi(discovered, vendor, session, 'header'), readConsentedData(discovered, vendor, session)]);
  store.rememberCitizen(
    session.sub,
    [...reads].filter(([, read]) => read.status === 'shared').map(([code]) => code),
  );
  send(
    res,
    200,
    signedInPage(vendor, session, header.status === 200 ? (header.body as HeaderData) : undefined, reads, {
      note: reportNotes[url.searchParams.get('rapport') ?? ''],
      catalogueSize: platformState.catalogueSize,
      received: platformState.received,
    }),
  );
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The citizen's button: progress (50 %) or completion, sent to the platform's events API for the signed-in citizen. */
async function reportActivity(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = currentSession(req);
  const form = new URLSearchParams(await readBody(req));
  if (!session || !sameText(form.get('csrf') ?? '', session.csrf)) {
    send(res, 403, errorPage(vendor, 'Handlingen blev afvist', 'Din session er udløbet. Start tjenesten fra Jobunivers igen.'));
    return;
  }
  const kind = form.get('kind') === 'completed' ? 'completed' : 'progress';
  const answer = await sendActivityEvent(vendor, session.sub, kind, kind === 'progress' ? { percent: 50 } : {});
  if (answer.status >= 300) process.stderr.write(`reference vendor: the ${kind} event answered ${answer.status}: ${JSON.stringify(answer.body)}\n`);
  // Post/redirect/get: a reload shows the page again instead of sending the event twice.
  send(res, 303, '', { location: `/?rapport=${answer.status >= 200 && answer.status < 300 ? kind : 'failed'}`, 'cache-control': 'no-store' });
}

/**
 * The platform's webhooks: verified against our secret(s) before anything else (webhooks.ts), recorded once per
 * message id, and acknowledged with 204 at once (slow work belongs in a queue of our own, not in the request).
 */
async function webhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  try {
    const message = verifyWebhook(vendor.webhookSecrets, req.headers, body);
    platformState.takeWebhook(message.id, message.payload);
    send(res, 204, '', { 'cache-control': 'no-store' });
  } catch (error) {
    json(res, 401, { error: 'invalid_signature', error_description: error instanceof Error ? error.message : 'invalid webhook' });
  }
}

/** Back-channel logout: the platform posts a logout token; we end the sessions it names and answer 200. */
async function backchannelLogout(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = new URLSearchParams(await readBody(req)).get('logout_token') ?? '';
  // Without the platform's keys we cannot tell; failing here (5xx) lets the platform try again.
  const { keys } = await connect();
  try {
    const logout = await verifyLogoutToken(token, keys, vendor);
    if (store.firstUse(`logout:${logout.jti}`))
      store.endSessions((session) => (logout.sid ? session.sid === logout.sid : false) || (logout.sub ? session.sub === logout.sub : false));
    json(res, 200, {});
  } catch (error) {
    json(res, 400, { error: 'invalid_request', error_description: error instanceof Error ? error.message : 'invalid logout token' });
  }
}

/**
 * Deletion (docs/VENDOR-DELETION.md): a signed Security Event Token. We delete what we hold at once, so we answer
 * 200 "completed" (a service that deletes later answers 202 and confirms through the vendor API when done).
 */
async function deletion(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/secevent+jwt')) {
    json(res, 415, { error: 'unsupported_media_type' });
    return;
  }
  const token = (await readBody(req)).trim();
  const { keys } = await connect();
  try {
    const request = await verifyDeletionRequest(token, keys, vendor);
    // The same request may come again (the platform retries until it hears from us): deleting twice is harmless.
    store.firstUse(`deletion:${request.jti}`);
    store.forgetCitizen(request.sub);
    json(res, 200, { status: 'completed', reference: request.jti });
  } catch (error) {
    json(res, 400, { error: 'invalid_request', error_description: error instanceof Error ? error.message : 'invalid deletion request' });
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', vendor.publicUrl);
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const handle = async () => {
    switch (route) {
      case 'GET /':
        return home(req, res, url);
      case 'POST /aktivitet':
        return reportActivity(req, res);
      case 'POST /webhooks':
        return webhook(req, res);
      case 'GET /login':
        return login(req, res, url);
      case 'GET /callback':
        return callback(req, res, url);
      case 'POST /backchannel-logout':
        return backchannelLogout(req, res);
      case 'POST /deletion':
        return deletion(req, res);
      case 'GET /.well-known/jwks.json':
        return json(res, 200, { keys: [key.publicJwk] }, { 'cache-control': 'public, max-age=300' });
      case 'GET /app.css':
        return send(res, 200, stylesheet, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' });
      case 'GET /favicon.ico':
        return send(res, 204, '', { 'cache-control': 'public, max-age=86400' });
      case 'GET /healthz':
        return json(res, 200, { status: 'ok' });
      default:
        return send(res, 404, errorPage(vendor, 'Siden findes ikke', `Der er intet på ${url.pathname}.`));
    }
  };
  handle().catch((error: unknown) => {
    // openid-client's errors carry the platform's answer (error, error_description) in `cause`.
    const cause = error instanceof Error && error.cause ? ` ${JSON.stringify(error.cause)}` : '';
    process.stderr.write(`reference vendor: ${route} failed: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
    if (!res.headersSent) send(res, 502, errorPage(vendor, 'Noget gik galt', 'Vi kunne ikke tale med Jobunivers. Prøv igen om lidt.'));
    else res.end();
  });
});

server.listen(vendor.port, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : vendor.port;
  process.stdout.write(`Reference vendor listening on http://127.0.0.1:${port} (public URL ${vendor.publicUrl}, client ${vendor.clientId})\n`);
});
startFeedLoop(vendor, platformState);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
