import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { nsisLevels } from '../../platform/auth/nsis.ts';
import { audienceSlugs, roles as allRoles, type Audience, type Principal, type Role } from '../../platform/auth/principal.ts';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AppDeps, RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { pageQuerySchema, toPage } from '../../platform/http/pagination.ts';
import { safeRedirectPath } from '../../platform/http/safe-redirect.ts';
import { formValues, type FormErrors } from '../../platform/views/components.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { employmentServiceName } from '../organisations/index.ts';
import { casePurposeOptions, getOwnRecord, listOwnAccessLog, lookUpCitizen, purposeQuestion, startPurposeSession } from './access-log.service.ts';
import { identityPolicy } from './identity.policy.ts';
import { IdpClients } from './identity.providers.ts';
import { completeSignIn, SignInError, signOut, signOutEverywhere, staffSignInChoices, startSignIn, type IdentityDeps } from './identity.service.ts';
import {
  renderLookup,
  renderMinLog,
  renderMunicipalityChoice,
  renderOwnRecord,
  renderPurposeChoice,
  renderSignedOut,
  renderSignInFailed,
  renderSignOutConfirm,
  renderStart,
  type StartLink,
} from './identity.views.ts';

export const SIGN_IN_STATE_COOKIE = 'jobunivers-signin';

/**
 * A citizen's page that has no purpose for this working session yet answers with the question (200), and goes back to
 * `returnTo` once it is answered; a typed purpose that would not do is shown as "another purpose" with its message (400).
 * NOT_FOUND for a citizen the organisation is not and was not responsible for.
 */
export async function sendPurposeQuestion(
  reply: FastifyReply,
  db: Db,
  options: { citizenId: string; returnTo: string; typed?: unknown; errors?: FormErrors },
): Promise<FastifyReply> {
  const ctx = pageContext(reply.request, reply);
  const purposes = await purposeQuestion(db, principalOf(reply.request), options.citizenId);
  const typed = typeof options.typed === 'string' && options.typed.trim() !== '' ? options.typed : undefined;
  const body = renderPurposeChoice(ctx, {
    citizenId: options.citizenId,
    returnTo: options.returnTo,
    purposes,
    values: typed ? { purposeChoice: 'other', purposeOther: typed } : {},
    errors: typed && options.errors?.purpose ? { purposeOther: options.errors.purpose } : {},
  });
  return sendPage(reply, renderPage(ctx, { title: ctx.t('caseworkPurpose.titleUnknown'), body }), typed ? 400 : 200);
}

/** The session cookie's name: with https, the __Host- prefix pins it to this host, path / and Secure. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-jobunivers-session' : 'jobunivers-session';
}

const slugSchema = z.enum(['borger', 'medarbejder', 'leverandoer', 'faellesskab']);
const audienceOfSlug = (slug: z.infer<typeof slugSchema>): Audience =>
  (Object.entries(audienceSlugs) as [Audience, string][]).find(([, s]) => s === slug)?.[0] ?? 'citizen';

const signInQuerySchema = z.object({
  // Staff: where they work. The name stays `kommune` for the links and bookmarks that have it: a municipality's code,
  // or (since a-kasser and other actors sign in too) an a-kasse's or other actor's id.
  kommune: z
    .string()
    .regex(/^([0-9]{3}|(akasse|aktoer)-[0-9]{8})$/)
    .optional()
    .catch(undefined),
  niveau: z.enum(nsisLevels).optional().catch(undefined),
  tilbage: z.string().max(2000).optional(),
  // A fresh authentication of the signed-in person (prompt=login, max_age=0), e.g. for a vendor's prompt=login.
  genlogin: z.literal('1').optional().catch(undefined),
});

// A citizen's start page (/borger) is their overview, which the journey module renders.
const startPages: { path: string; roles: readonly Role[]; theme: PageContext['theme'] }[] = [
  { path: '/medarbejder', roles: ['caseworker', 'content_owner', 'municipal_admin'], theme: 'borger' },
  { path: '/kommune', roles: ['content_owner', 'municipal_admin'], theme: 'borger' },
  { path: '/leverandoer', roles: ['vendor_admin', 'vendor_developer'], theme: 'virk' },
  { path: '/faellesskab', roles: ['governance_reviewer', 'governance_admin'], theme: 'borger' },
];

/** Sign-in, callback, sign-out, the start page of each audience, Min Log, and the caseworker's citizen look-up. */
export const identityPages: RouteModule = (app, deps: AppDeps) => {
  const { config } = deps;
  const identity: IdentityDeps = { db: deps.db, config, logger: deps.logger, changes: deps.changes, idpClients: new IdpClients() };
  const cookieName = sessionCookieName(config.secureCookies);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  app.get(
    '/log-ind/:audience',
    {
      config: { ...publicAccess, rateLimit: { max: config.rateLimit.formsPerMinute, timeWindow: '1 minute' } },
      schema: { params: z.object({ audience: slugSchema }), querystring: signInQuerySchema },
    },
    async (request, reply) => {
      const audience = audienceOfSlug(request.params.audience);
      const returnTo = safeRedirectPath(request.query.tilbage, config.baseUrl, `/${request.params.audience}`);
      if (audience === 'staff' && !request.query.kommune) {
        const choices = await staffSignInChoices(identity);
        // Sent without a choice (or a made-up one): the form again, saying what is missing.
        const submitted = new URL(request.url, config.baseUrl).searchParams.has('kommune');
        const ctx = pageContext(request, reply);
        const errors: FormErrors = submitted ? { kommune: ctx.t('signin.chooseMunicipality.required') } : {};
        return sendPage(
          reply,
          renderMunicipalityChoice(ctx, choices, { returnTo, level: request.query.niveau, fresh: request.query.genlogin === '1' }, errors),
          submitted ? 400 : 200,
        );
      }
      const { authorizationUrl, state } = await startSignIn(identity, {
        audience,
        organisationId: audience === 'staff' ? organisationOfChoice(request.query.kommune) : undefined,
        requiredLevel: request.query.niveau ?? 'Substantial',
        returnTo,
        sessionToken: request.cookies[cookieName],
        fresh: request.query.genlogin === '1',
      });
      reply.setCookie(SIGN_IN_STATE_COOKIE, state, { ...cookieOptions, signed: true, maxAge: 600 });
      return reply.redirect(authorizationUrl, 303);
    },
  );

  app.get(
    '/auth/callback',
    { config: { ...publicAccess, rateLimit: { max: config.rateLimit.formsPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const bound = request.cookies[SIGN_IN_STATE_COOKIE];
      const unsigned = bound ? request.unsignCookie(bound) : undefined;
      reply.clearCookie(SIGN_IN_STATE_COOKIE, cookieOptions);
      try {
        const result = await completeSignIn(identity, {
          url: new URL(request.url, config.baseUrl),
          boundState: unsigned?.valid ? (unsigned.value ?? undefined) : undefined,
          sessionToken: request.cookies[cookieName],
        });
        // A new session id at every sign-in and step-up: whatever session the browser had ends here.
        await signOut(identity, request.cookies[cookieName]);
        reply.setCookie(cookieName, result.token, cookieOptions);
        request.log.info({ subject: result.principal.subject, audience: result.principal.audience, level: result.principal.nsisLevel }, 'signed in');
        return reply.redirect(result.returnTo, 303);
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        request.log.warn({ reason: error.reason, detail: error.detail }, 'sign-in refused');
        // completeSignIn has ended the session this browser had; the cookie goes too.
        if (error.reason === 'person') {
          reply.clearCookie(cookieName, cookieOptions);
          request.principal = undefined;
        }
        return sendPage(reply, renderSignInFailed(pageContext(request, reply), error), 400);
      }
    },
  );

  app.post('/log-af', { config: publicAccess }, async (request, reply) => {
    const logoutUrl = await signOut(identity, request.cookies[cookieName]);
    reply.clearCookie(cookieName, cookieOptions);
    return reply.redirect(logoutUrl ?? '/log-af/faerdig', 303);
  });

  app.post('/log-af/alle', { config: { access: { roles: allRoles, level: 'Low' } } }, async (request, reply) => {
    const { ended, logoutUrl } = await signOutEverywhere(identity, request.cookies[cookieName] ?? '', principalOf(request));
    request.log.info({ ended }, 'signed out everywhere');
    reply.clearCookie(cookieName, cookieOptions);
    return reply.redirect(logoutUrl ?? '/log-af/faerdig', 303);
  });

  // Where a link can send someone to sign out (the platform header on a vendor's site): a page with the sign-out
  // button, since signing out is a POST with the CSRF token.
  app.get('/log-af', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!request.principal) return reply.redirect('/log-af/faerdig', 303);
    return sendPage(reply, renderSignOutConfirm(ctx));
  });

  app.get('/log-af/faerdig', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, renderSignedOut(ctx));
  });

  for (const start of startPages) {
    app.get(start.path, { config: { access: { roles: start.roles, level: 'Substantial' } } }, async (request, reply) => {
      const principal = principalOf(request);
      // Municipal staff's links name their own employment service ("Lokale tilbud fra Jobcenter København").
      const service = principal.municipality ? await employmentServiceName(deps.db, principal.municipality.code) : undefined;
      return sendPage(reply, renderStart(pageContext(request, reply, start.theme), principal, startLinksFor(principal), service));
    });
  }

  app.get(
    '/borger/min-log',
    { config: { access: { roles: ['citizen'], level: 'Substantial' } }, schema: { querystring: pageQuerySchema } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const rows = await listOwnAccessLog(identity, principalOf(request), request.query);
      const page = toPage(
        rows,
        request.query.limit,
        (row) => [row.id],
        (row) => row,
      );
      return sendPage(reply, renderMinLog(ctx, page.items, page.nextCursor));
    },
  );

  app.get('/borger/mine-oplysninger', { config: { access: { roles: ['citizen'], level: 'High' } } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const record = await getOwnRecord(identity, principalOf(request));
    return sendPage(reply, renderOwnRecord(ctx, record, principalOf(request)));
  });

  const lookupAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;
  // GET /medarbejder/borgere is journey's "Mine borgere", which shows this look-up's form too.
  // POST, not GET: a CPR number must never end up in a URL, a server log or the browser history.
  app.post('/medarbejder/borgere', { config: lookupAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const query = formValues(request.body);
    return submitForm(reply, request.body, {
      // The look-up's purpose is the working session's for that citizen: their page opens without asking again.
      run: async () => `/medarbejder/borgere/${(await lookUpCitizen(identity, principalOf(request), { cpr: query.cpr, purpose: query.purpose })).id}`,
      on: ['VALIDATION', 'NOT_FOUND'],
      showAgain: ({ error, errors }) => renderLookup(ctx, query, error.code === 'NOT_FOUND' ? { cpr: ctx.t('lookup.notFound') } : errors),
    });
  });

  // Why a citizen is opened, asked once per citizen per working session; then on to the page that asked.
  const purposeParams = z.object({ citizenId: z.uuid() });
  const purposeQuery = z.object({ til: z.string().max(2000).optional() });
  const returnPath = (citizenId: string, til: unknown) =>
    typeof til === 'string' && til.startsWith('/medarbejder/') ? safeRedirectPath(til, identity.config.baseUrl) : `/medarbejder/borgere/${citizenId}`;
  app.get('/medarbejder/formaal/:citizenId', { config: lookupAccess, schema: { params: purposeParams, querystring: purposeQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { citizenId } = request.params;
    const purposes = await purposeQuestion(identity.db, principalOf(request), citizenId);
    const body = renderPurposeChoice(ctx, { citizenId, returnTo: returnPath(citizenId, request.query.til), purposes, values: {}, errors: {} });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('caseworkPurpose.titleUnknown'), body }));
  });
  app.post('/medarbejder/formaal/:citizenId', { config: lookupAccess, schema: { params: purposeParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const { citizenId } = request.params;
    const values = formValues(request.body);
    return submitForm(reply, request.body, {
      run: async () => {
        await startPurposeSession(identity.db, actor, citizenId, request.body);
        return returnPath(citizenId, values.til);
      },
      on: ['VALIDATION'],
      showAgain: async ({ errors }) => {
        const purposes = await casePurposeOptions(identity.db, actor);
        const body = renderPurposeChoice(ctx, { citizenId, returnTo: returnPath(citizenId, values.til), purposes, values, errors });
        return renderPage(ctx, { title: ctx.t('caseworkPurpose.titleUnknown'), body });
      },
    });
  });
};

/** The organisation a staff sign-in's choice names: a municipality's code is its kommune's organisation. */
function organisationOfChoice(choice: string | undefined): string | undefined {
  return choice && /^[0-9]{3}$/.test(choice) ? `kommune-${choice}` : choice;
}

/** What each role can go on to from its start page. */
const startLinks: StartLink[] = [
  { href: '/medarbejder/henvendelser', text: 'journey.start.escalations', roles: ['caseworker'] },
  { href: '/medarbejder/borgere', text: 'journey.start.citizens', roles: ['caseworker'] },
  { href: '/medarbejder/overblik', text: 'journey.start.caseload', roles: ['caseworker'] },
  { href: '/medarbejder/borgere#cpr-opslag', text: 'start.caseworker.lookup', roles: ['caseworker'] },
  { href: '/medarbejder/notifikationer', text: 'notifications.startLink', roles: ['caseworker', 'content_owner', 'municipal_admin'] },
  { href: '/medarbejder/moeder', text: 'meetings.start.link', roles: ['caseworker', 'municipal_admin'], organisationKinds: ['kommune'] },
  { href: '/medarbejder/beskeder', text: 'messages.start.inbox', roles: ['caseworker'] },
  { href: '/kommune/beskeder/indstillinger', text: 'messages.settings.startLink', roles: ['municipal_admin'] },
  { href: '/organisation/tilbud', text: 'actorOffers.start.link', roles: ['caseworker'], organisationKinds: ['akasse', 'anden_aktoer'] },
  { href: '/kommune/overblik', text: 'statistics.dashboard.startLink', roles: ['content_owner', 'municipal_admin'] },
  { href: '/kommune/meddelelser', text: 'start.staff.notices', roles: ['content_owner', 'municipal_admin'] },
  { href: '/kommune/katalog', text: 'curation.start.catalogue', roles: ['content_owner', 'municipal_admin'] },
  { href: '/kommune/tilbud', text: 'curation.start.offers', roles: ['content_owner', 'municipal_admin'] },
  { href: '/kommune/licenser', text: 'curation.start.licences', roles: ['content_owner', 'municipal_admin'] },
  { href: '/kommune/branding', text: 'curation.start.branding', roles: ['content_owner', 'municipal_admin'] },
  { href: '/kommune/bedoemmelser', text: 'marketplace.moderation.startLink', roles: ['content_owner', 'municipal_admin'] },
  { href: '/leverandoer/virksomhed', text: 'start.vendor.profile', roles: ['vendor_admin', 'vendor_developer'] },
  { href: '/leverandoer/rammeaftale', text: 'start.vendor.framework', roles: ['vendor_admin', 'vendor_developer'] },
  { href: '/leverandoer/ydelser', text: 'start.vendor.listings', roles: ['vendor_admin', 'vendor_developer'] },
  { href: '/leverandoer/api-noegler', text: 'start.vendor.apiClients', roles: ['vendor_admin', 'vendor_developer'] },
  { href: '/leverandoer/haendelser', text: 'events.start.link', roles: ['vendor_admin', 'vendor_developer'] },
  { href: '/leverandoer/webhooks', text: 'webhooks.nav', roles: ['vendor_admin', 'vendor_developer'] },
  { href: '/faellesskab/gennemgang', text: 'start.governance.review', roles: ['governance_reviewer', 'governance_admin'] },
  { href: '/faellesskab/ydelser', text: 'review.nav.live', roles: ['governance_reviewer', 'governance_admin'] },
  { href: '/faellesskab/rammeaftaler', text: 'start.governance.frameworks', roles: ['governance_reviewer', 'governance_admin'] },
  { href: '/faellesskab/overblik', text: 'statistics.oversight.startLink', roles: ['governance_reviewer', 'governance_admin'] },
];

/** The start page's links the principal may follow. */
function startLinksFor(principal: Principal): StartLink[] {
  return startLinks.filter((link) => identityPolicy.can(principal, 'start-link.show', link));
}
