// The single sign-on's life in one app: the OpenID Provider, made once the signing keys can be read and mounted at
// /oidc; the provider's caches following the app's change bus; sso's subscribers (withdrawals end grants and tokens,
// ended platform sessions end vendor sessions); and what every authorization that reaches the code does for its
// citizen. Made where the module registers (sso.pages.ts) and stopped when the app closes.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import middie from '@fastify/middie';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Principal } from '../../platform/auth/principal.ts';
import { loadSigningKeys } from '../../platform/crypto/signing-keys.ts';
import type { AppDeps, TypedApp } from '../../platform/http/app.ts';
import { createSsoCaches, followSsoChanges } from './sso.caches.ts';
import { followPlatformSignOuts } from './sso.logout.ts';
import { createSsoProvider, OIDC_PATH } from './sso.provider.ts';
import { revokeOnConsentWithdrawal } from './sso.revocation.ts';
import { checkSilentAuthorization, signInTimeOf } from './sso.service.ts';

/** What the interaction's pages need of the running single sign-on. */
export type SsoApp = {
  /** The provider, made at the first call (and again after a failure). Throws while it cannot be made. */
  providerReady(): Promise<Provider>;
  /** Records what an authorization reaching the code found (see `signedIn` below). Throws on database failure. */
  signedIn(principal: Principal | undefined, platformToken: string | undefined, step: { citizenId: string; citizenName?: string | undefined }): Promise<void>;
};

/** What the provider refuses is the vendor's mistake (logged for support); its own failures are ours. */
const refusalEvents = [
  'authorization.error',
  'grant.error',
  'pushed_authorization_request.error',
  'userinfo.error',
  'end_session.error',
  'backchannel.error',
  'jwks.error',
] as const;

/** Starts the single sign-on in `app`: its caches and subscribers from now until the app closes, the provider at /oidc. */
export async function startSso(app: TypedApp, deps: AppDeps): Promise<SsoApp> {
  const { db, config, logger, sessions, changes } = deps;
  const caches = createSsoCaches();
  // The provider's short-lived state is written with asynchronous commit where the app has such connections (docs/SSO.md).
  const stateDb = deps.stateDb ?? db;
  const stops = [followSsoChanges(caches, changes), revokeOnConsentWithdrawal({ changes })];
  app.addHook('onClose', (_instance, done) => {
    stops.splice(0).forEach((stop) => stop());
    done();
  });

  /**
   * What every authorization that reaches the code does for its citizen: remembers the name (as registered) and the
   * municipality (of the sign-in) for the tokens' claims, and links the platform session it came from — when that
   * ends, the vendor sessions end with it (sso.logout.ts).
   */
  async function signedIn(
    principal: Principal | undefined,
    platformToken: string | undefined,
    step: { citizenId: string; citizenName?: string | undefined },
  ): Promise<void> {
    const { citizenId, citizenName } = step;
    if (principal?.municipality) caches.citizens.keep(citizenId, { name: citizenName, municipality: principal.municipality });
    if (!platformToken) return;
    await caches.links.link(db, createHash('sha256').update(platformToken).digest(), citizenId);
  }

  /** The provider's check at every authorization request: may it go straight to the code (no interaction)? */
  async function passesWithoutInteraction(ctx: KoaContextWithOIDC): Promise<boolean> {
    const { session, client, params, entities } = ctx.oidc;
    const platformToken = sessions ? ctx.cookies.get(sessions.cookieName, { signed: false }) : undefined;
    const principal = platformToken && sessions ? await sessions.principalFor(platformToken) : undefined;
    if (!client || !session) return false;
    const signedInAt = await signInTimeOf(db, principal, platformToken);
    const step = await checkSilentAuthorization(
      db,
      principal,
      { accountId: session.accountId, acr: session.acr, authTime: session.authTime(), clientId: client.clientId, params: params ?? {}, grant: entities.Grant },
      signedInAt,
    );
    if (!step) return false;
    await signedIn(principal, platformToken, step);
    return true;
  }

  async function startProvider(): Promise<Provider> {
    const keys = await loadSigningKeys(db, config.cookieSecret);
    const made = createSsoProvider({ db, stateDb, config, changes, caches, passesWithoutInteraction }, keys);
    const on = made.on.bind(made) as (event: string, listener: (...args: unknown[]) => void) => void;
    for (const event of refusalEvents) {
      on(event, (...args: unknown[]) => {
        const error = args.find((arg): arg is Error & { error_detail?: string } => arg instanceof Error);
        logger.info({ event, error: error?.message, detail: error?.error_detail }, 'OpenID Provider refused a request');
      });
    }
    made.on('server_error', (_ctx: unknown, error: Error) => logger.error({ err: error }, 'OpenID Provider failed'));
    stops.push(followPlatformSignOuts({ provider: made, db, changes, logger }));
    return made;
  }

  // The provider needs the signing keys from the database, so it is made once the app is ready (or at its first
  // use, should the database not have been ready then, e.g. before the migrations ran); a failure is tried again.
  let starting: Promise<Provider> | undefined;
  const providerReady = (): Promise<Provider> =>
    (starting ??= startProvider().catch((error: unknown) => {
      starting = undefined;
      throw error;
    }));
  app.addHook('onReady', async () => {
    await providerReady().catch((error: unknown) => logger.warn({ err: error }, 'OpenID Provider not started yet; trying again at its first use'));
  });

  if (!app.hasDecorator('use')) await app.register(middie);
  let handle: ReturnType<Provider['callback']> | undefined;
  app.use(OIDC_PATH, (req: IncomingMessage, res: ServerResponse) => {
    if (handle) return void handle(req, res);
    providerReady().then(
      (provider) => {
        handle ??= provider.callback();
        void handle(req, res);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'OpenID Provider unavailable');
        res.statusCode = 503;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'The provider is starting; try again.' }));
      },
    );
  });

  return { providerReady, signedIn };
}
