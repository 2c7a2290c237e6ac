import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import middie from '@fastify/middie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import { acrFor, type NsisLevel } from '../../platform/auth/nsis.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { renderConsentAnswered, renderConsentScreen, type ConsentRequest } from '../consent/index.ts';
import { loadSigningKeys } from '../../platform/crypto/signing-keys.ts';
import { followPlatformSignOuts } from './sso.logout.ts';
import { renderRefusal } from './sso.presenter.ts';
import { linkPlatformSession } from './sso.repository.ts';
import { revokeOnConsentWithdrawal } from './sso.revocation.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { createSsoProvider, INTERACTION_PATH, OIDC_PATH, RecentCitizens } from './sso.provider.ts';
import {
  answerConsent,
  checkAuthorization,
  checkSilentAuthorization,
  grantFor,
  grantLifetime,
  grantMatches,
  needsFreshSignIn,
  signInTimeOf,
} from './sso.service.ts';

const uidParams = z.object({ uid: z.string().min(1).max(100) });
const consentBody = z.object({ decision: z.enum(['accepted', 'declined']) });
/** `fornyet=1`: back from the fresh sign-in the interaction asked for (prompt=login, max_age). */
const interactionQuery = z.object({ fornyet: z.literal('1').optional().catch(undefined) });

/** Anyone reaches an interaction; who is signed in decides what happens there (sign-in, step-up, refusal, consent). */
const interactionAccess = { access: { public: true } } as const;

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * The platform's OpenID Provider for vendor services at /oidc, and its interaction at /oidc-interaktion/:uid: the
 * citizen's platform session is the login (no session → sign in and back; too low a level → step up), the listing
 * must be enabled in the citizen's municipality, and the consent screen decides the data scopes.
 */
export const ssoPages: RouteModule = async (app, { db, stateDb, config, logger, pool, sessions, changes }) => {
  // A withdrawn consent ends the vendor's grants and tokens for the citizen (consent publishes, sso reacts).
  const stopRevoking = revokeOnConsentWithdrawal({ changes });
  app.addHook('onClose', (_instance, done) => {
    stopRevoking();
    done();
  });
  const citizens = new RecentCitizens();
  // Platform sessions this process has already linked (sso_platform_session), so a launch writes the link once.
  const linked = new Set<string>();
  let stopSignOuts: (() => Promise<void>) | undefined;
  app.addHook('onClose', async () => stopSignOuts?.());

  // The provider needs the signing keys from the database, so it is made once the app is ready (or at its first
  // use, should the database not have been ready then, e.g. before the migrations ran); a failure is tried again.
  let starting: Promise<Provider> | undefined;
  const providerReady = (): Promise<Provider> =>
    (starting ??= startProvider().catch((error: unknown) => {
      starting = undefined;
      throw error;
    }));
  async function startProvider(): Promise<Provider> {
    const keys = await loadSigningKeys(db, config.cookieSecret);
    // The provider's short-lived state is written with asynchronous commit where the app has such connections (docs/SSO.md).
    const made = createSsoProvider({ db, stateDb: stateDb ?? db, config, citizens, passesWithoutInteraction }, keys);
    // What the provider refuses is the vendor's mistake (logged for support); its own failures are ours.
    const events = [
      'authorization.error',
      'grant.error',
      'pushed_authorization_request.error',
      'userinfo.error',
      'end_session.error',
      'backchannel.error',
      'jwks.error',
    ] as const;
    const on = made.on.bind(made) as (event: string, listener: (...args: unknown[]) => void) => void;
    for (const event of events) {
      on(event, (...args: unknown[]) => {
        const error = args.find((arg): arg is Error & { error_detail?: string } => arg instanceof Error);
        logger.info({ event, error: error?.message, detail: error?.error_detail }, 'OpenID Provider refused a request');
      });
    }
    made.on('server_error', (_ctx: unknown, error: Error) => logger.error({ err: error }, 'OpenID Provider failed'));
    const signOuts = await followPlatformSignOuts({ provider: made, db, pool, logger });
    stopSignOuts = () => signOuts.stop();
    return made;
  }
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

  async function detailsFor(request: FastifyRequest, reply: FastifyReply, uid: string): Promise<Details> {
    const provider = await providerReady();
    let details: Details;
    try {
      details = await provider.interactionDetails(request.raw, reply.raw);
    } catch {
      throw new AppError('NOT_FOUND', 'This sign-in to a service has expired or is unknown; start the service again.');
    }
    if (details.uid !== uid) throw new AppError('NOT_FOUND', 'This sign-in to a service has expired or is unknown.');
    return details;
  }

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
    if (principal?.municipality) citizens.remember(citizenId, { name: citizenName, municipality: principal.municipality });
    if (!platformToken) return;
    const tokenHash = createHash('sha256').update(platformToken).digest();
    const key = tokenHash.toString('hex');
    if (linked.has(key)) return;
    await linkPlatformSession(db, tokenHash, citizenId);
    linked.add(key);
    if (linked.size > 10_000) linked.delete(linked.values().next().value ?? '');
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

  async function finish(
    request: FastifyRequest,
    reply: FastifyReply,
    details: Details,
    step: { citizenId: string; citizenName?: string | undefined; level: NsisLevel; acceptedCategories: string[]; consentId?: string | undefined },
  ): Promise<void> {
    const provider = await providerReady();
    const clientId = String(details.params.client_id);
    const decided = grantFor(details.params, step.acceptedCategories);
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    let grantId: string;
    // The grant the provider's session already holds for this client is reused when it says exactly the same.
    if (details.grantId && grantMatches(existing, step.citizenId, clientId, decided)) {
      grantId = details.grantId;
    } else {
      const grant = new provider.Grant({ accountId: step.citizenId, clientId });
      grant.addOIDCScope(decided.scopes.join(' '));
      if (decided.rejectedScopes.length > 0) grant.rejectOIDCScope(decided.rejectedScopes.join(' '));
      grant.addOIDCClaims(decided.claims);
      if (decided.rejectedClaims.length > 0) grant.rejectOIDCClaims(decided.rejectedClaims);
      (grant as unknown as { expiresIn: number }).expiresIn = await grantLifetime(db, step.citizenId, step.consentId);
      grantId = await grant.save();
    }
    const platformToken = sessions ? request.cookies[sessions.cookieName] : undefined;
    await signedIn(request.principal, platformToken, step);
    // auth_time is when the citizen signed in at the identity provider, not this hand-over.
    const signedInAt = await signInTimeOf(db, request.principal, platformToken);
    reply.hijack();
    await provider.interactionFinished(
      request.raw,
      reply.raw,
      {
        login: { accountId: step.citizenId, acr: acrFor(step.level), amr: ['mitid'], ...(signedInAt ? { ts: Math.floor(signedInAt.getTime() / 1000) } : {}) },
        consent: { grantId },
      },
      { mergeWithLastSubmission: false },
    );
  }

  /**
   * prompt=login or max_age asked for a sign-in newer than the platform session's: to the identity provider again
   * (`genlogin=1`: it must authenticate anew, and the same person) and back here. Back from there still without one,
   * the client gets `login_required` rather than a loop. Returns whether it answered.
   */
  async function demandFreshSignIn(request: FastifyRequest, reply: FastifyReply, details: Details, level: NsisLevel, returned: boolean): Promise<boolean> {
    const signedInAt = await signInTimeOf(db, request.principal, sessions ? request.cookies[sessions.cookieName] : undefined);
    const demand = { reasons: details.prompt.reasons, prompt: details.params.prompt, maxAge: details.params.max_age, startedAt: details.iat };
    if (!needsFreshSignIn(demand, signedInAt)) return false;
    if (returned) {
      reply.hijack();
      const error = { error: 'login_required', error_description: 'The citizen did not sign in again as the request asked (prompt=login or max_age).' };
      await (await providerReady()).interactionFinished(request.raw, reply.raw, error, { mergeWithLastSubmission: false });
      return true;
    }
    const query = new URLSearchParams({ tilbage: `${INTERACTION_PATH}/${details.uid}?fornyet=1`, genlogin: '1', niveau: level });
    await reply.redirect(`/log-ind/borger?${query.toString()}`, 303);
    return true;
  }

  function consentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    uid: string,
    step: { request: ConsentRequest; changed: boolean; listing: { redirect_uris: string[] } },
    invalid = false,
  ) {
    // The form's answer ends in a redirect to the vendor's service: its origins join form-action for this page only,
    // or the browser stops the redirect (Chrome checks form-action along the whole redirect chain).
    const origins = [...new Set(step.listing.redirect_uris.map((uri) => new URL(uri).origin))];
    const csp = String(reply.getHeader('content-security-policy') ?? '');
    if (csp) reply.header('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${origins.join(' ')}`));
    const ctx = pageContext(request, reply);
    const listingUrl = `/borger/markedsplads/${step.request.listingId}`;
    const errors = invalid ? { decision: ctx.t('sso.consent.chooseDecision') } : undefined;
    return sendPage(
      reply,
      renderConsentScreen(ctx, step.request, { action: `${INTERACTION_PATH}/${uid}/samtykke`, cancelUrl: listingUrl, changed: step.changed, errors }),
      invalid ? 400 : 200,
    );
  }

  function signIn(reply: FastifyReply, uid: string, level: string) {
    const query = new URLSearchParams({ tilbage: `${INTERACTION_PATH}/${uid}`, niveau: level });
    return reply.redirect(`/log-ind/borger?${query.toString()}`, 303);
  }

  app.get(`${INTERACTION_PATH}/:uid`, { config: interactionAccess, schema: { params: uidParams, querystring: interactionQuery } }, async (request, reply) => {
    // Back after answering lands here on a used-up interaction: explain and offer the way on, not "page not found".
    const details = await detailsFor(request, reply, request.params.uid).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!details) return sendPage(reply, renderConsentAnswered(pageContext(request, reply)), 404);
    const step = await checkAuthorization(db, request.principal, String(details.params.client_id));
    switch (step.kind) {
      case 'sign_in':
      case 'step_up':
        return signIn(reply, request.params.uid, step.level);
      case 'refused':
        return sendPage(reply, renderRefusal(pageContext(request, reply), step.reason, step.listing), step.reason === 'unknown_listing' ? 404 : 403);
      case 'consent':
        if (await demandFreshSignIn(request, reply, details, request.principal?.nsisLevel ?? 'Substantial', request.query.fornyet === '1')) return reply;
        return consentPage(request, reply, request.params.uid, step);
      case 'finish':
        if (await demandFreshSignIn(request, reply, details, step.level, request.query.fornyet === '1')) return reply;
        return finish(request, reply, details, step);
    }
  });

  app.post(`${INTERACTION_PATH}/:uid/samtykke`, { config: interactionAccess, schema: { params: uidParams } }, async (request, reply) => {
    const details = await detailsFor(request, reply, request.params.uid);
    const step = await checkAuthorization(db, request.principal, String(details.params.client_id));
    if (step.kind === 'sign_in' || step.kind === 'step_up') return signIn(reply, request.params.uid, step.level);
    if (step.kind === 'refused')
      return sendPage(reply, renderRefusal(pageContext(request, reply), step.reason, step.listing), step.reason === 'unknown_listing' ? 404 : 403);
    // The consent form was shown after a fresh enough sign-in; one that has since gone stale (max_age) starts over.
    if (await demandFreshSignIn(request, reply, details, step.kind === 'finish' ? step.level : (request.principal?.nsisLevel ?? 'Substantial'), false))
      return reply;
    if (step.kind === 'finish') return finish(request, reply, details, step);
    const answer = consentBody.safeParse(request.body);
    if (!answer.success) return consentPage(request, reply, request.params.uid, step, true);
    const outcome = await answerConsent({ db, config }, step.request, { decision: answer.data.decision, locale: request.locale });
    if (outcome.kind === 'denied') {
      reply.hijack();
      await (
        await providerReady()
      ).interactionFinished(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'The citizen declined to share the data the service needs.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const level = request.principal?.nsisLevel ?? 'Low';
    return finish(request, reply, details, { citizenId: step.citizenId, level, acceptedCategories: outcome.acceptedCategories, consentId: outcome.consentId });
  });
};
