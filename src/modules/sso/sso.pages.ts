import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { acrFor, type NsisLevel } from '../../platform/auth/nsis.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { AppDeps, RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { renderConsentAnswered, renderConsentScreen, type ConsentRequest } from '../consent/index.ts';
import { startSso, type SsoApp } from './sso.app.ts';
import { renderRefusal } from './sso.views.ts';
import { INTERACTION_PATH } from './sso.provider.ts';
import { answerConsent, checkAuthorization, grantFor, grantLifetime, grantMatches, needsFreshSignIn, signInTimeOf } from './sso.service.ts';

const uidParams = z.object({ uid: z.string().min(1).max(100) });
const consentBody = z.object({ decision: z.enum(['accepted', 'declined']) });
/** `fornyet=1`: back from the fresh sign-in the interaction asked for (prompt=login, max_age). */
const interactionQuery = z.object({ fornyet: z.literal('1').optional().catch(undefined) });

/** Anyone reaches an interaction; who is signed in decides what happens there (sign-in, step-up, refusal, consent). */
const interactionAccess = { access: { public: true } } as const;

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** What the interaction's handlers work with: the app's deps and the running single sign-on. */
type Interaction = { deps: AppDeps; sso: SsoApp };

async function detailsFor(sso: SsoApp, request: FastifyRequest, reply: FastifyReply, uid: string): Promise<Details> {
  const provider = await sso.providerReady();
  let details: Details;
  try {
    details = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    throw new AppError('NOT_FOUND', 'This sign-in to a service has expired or is unknown; start the service again.');
  }
  if (details.uid !== uid) throw new AppError('NOT_FOUND', 'This sign-in to a service has expired or is unknown.');
  return details;
}

/** The platform session's token in the request's cookie, when the app reads sessions. */
function platformTokenOf({ deps }: Interaction, request: FastifyRequest): string | undefined {
  return deps.sessions ? request.cookies[deps.sessions.cookieName] : undefined;
}

/** Hands the authorization over to the provider: the grant for the accepted categories, the login with its level and time. */
async function finish(
  interaction: Interaction,
  request: FastifyRequest,
  reply: FastifyReply,
  details: Details,
  step: { citizenId: string; citizenName?: string | undefined; level: NsisLevel; acceptedCategories: string[]; consentId?: string | undefined },
): Promise<void> {
  const { deps, sso } = interaction;
  const provider = await sso.providerReady();
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
    (grant as unknown as { expiresIn: number }).expiresIn = await grantLifetime(deps.db, step.citizenId, step.consentId);
    grantId = await grant.save();
  }
  const platformToken = platformTokenOf(interaction, request);
  await sso.signedIn(request.principal, platformToken, step);
  // auth_time is when the citizen signed in at the identity provider, not this hand-over.
  const signedInAt = await signInTimeOf(deps.db, request.principal, platformToken);
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

/** Ends the authorization without a code: the client gets `error` (access_denied, login_required). */
async function finishWithError(sso: SsoApp, request: FastifyRequest, reply: FastifyReply, error: { error: string; error_description: string }): Promise<void> {
  reply.hijack();
  await (await sso.providerReady()).interactionFinished(request.raw, reply.raw, error, { mergeWithLastSubmission: false });
}

/**
 * prompt=login or max_age asked for a sign-in newer than the platform session's: to the identity provider again
 * (`genlogin=1`: it must authenticate anew, and the same person) and back here. Back from there still without one,
 * the client gets `login_required` rather than a loop. Returns whether it answered.
 */
async function demandFreshSignIn(
  interaction: Interaction,
  request: FastifyRequest,
  reply: FastifyReply,
  details: Details,
  level: NsisLevel,
  returned: boolean,
): Promise<boolean> {
  const signedInAt = await signInTimeOf(interaction.deps.db, request.principal, platformTokenOf(interaction, request));
  const demand = { reasons: details.prompt.reasons, prompt: details.params.prompt, maxAge: details.params.max_age, startedAt: details.iat };
  if (!needsFreshSignIn(demand, signedInAt)) return false;
  if (returned) {
    await finishWithError(interaction.sso, request, reply, {
      error: 'login_required',
      error_description: 'The citizen did not sign in again as the request asked (prompt=login or max_age).',
    });
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

/**
 * The platform's OpenID Provider for vendor services at /oidc (sso.app.ts), and its interaction at
 * /oidc-interaktion/:uid: the citizen's platform session is the login (no session → sign in and back; too low a level
 * → step up), the listing must be enabled in the citizen's municipality, and the consent screen decides the data scopes.
 */
export const ssoPages: RouteModule = async (app, deps) => {
  const sso = await startSso(app, deps);
  const interaction: Interaction = { deps, sso };
  const { db, config } = deps;

  app.get(`${INTERACTION_PATH}/:uid`, { config: interactionAccess, schema: { params: uidParams, querystring: interactionQuery } }, async (request, reply) => {
    // Back after answering lands here on a used-up interaction: explain and offer the way on, not "page not found".
    const details = await detailsFor(sso, request, reply, request.params.uid).catch((error: unknown) => {
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
        if (await demandFreshSignIn(interaction, request, reply, details, request.principal?.nsisLevel ?? 'Substantial', request.query.fornyet === '1'))
          return reply;
        return consentPage(request, reply, request.params.uid, step);
      case 'finish':
        if (await demandFreshSignIn(interaction, request, reply, details, step.level, request.query.fornyet === '1')) return reply;
        return finish(interaction, request, reply, details, step);
    }
  });

  app.post(`${INTERACTION_PATH}/:uid/samtykke`, { config: interactionAccess, schema: { params: uidParams } }, async (request, reply) => {
    const details = await detailsFor(sso, request, reply, request.params.uid);
    const step = await checkAuthorization(db, request.principal, String(details.params.client_id));
    if (step.kind === 'sign_in' || step.kind === 'step_up') return signIn(reply, request.params.uid, step.level);
    if (step.kind === 'refused')
      return sendPage(reply, renderRefusal(pageContext(request, reply), step.reason, step.listing), step.reason === 'unknown_listing' ? 404 : 403);
    // The consent form was shown after a fresh enough sign-in; one that has since gone stale (max_age) starts over.
    if (
      await demandFreshSignIn(
        interaction,
        request,
        reply,
        details,
        step.kind === 'finish' ? step.level : (request.principal?.nsisLevel ?? 'Substantial'),
        false,
      )
    )
      return reply;
    if (step.kind === 'finish') return finish(interaction, request, reply, details, step);
    const answer = consentBody.safeParse(request.body);
    if (!answer.success) return consentPage(request, reply, request.params.uid, step, true);
    const outcome = await answerConsent({ db, config }, step.request, { decision: answer.data.decision, locale: request.locale });
    if (outcome.kind === 'denied') {
      await finishWithError(sso, request, reply, { error: 'access_denied', error_description: 'The citizen declined to share the data the service needs.' });
      return;
    }
    const level = request.principal?.nsisLevel ?? 'Low';
    return finish(interaction, request, reply, details, {
      citizenId: step.citizenId,
      level,
      acceptedCategories: outcome.acceptedCategories,
      consentId: outcome.consentId,
    });
  });
};
