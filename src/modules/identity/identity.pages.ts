import { z } from 'zod';
import { nsisLevels } from '../../platform/auth/nsis.ts';
import { audienceSlugs, roles as allRoles, type Audience, type Principal, type Role } from '../../platform/auth/principal.ts';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { AppDeps, RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { pageQuerySchema, toPage } from '../../platform/http/pagination.ts';
import { safeRedirectPath } from '../../platform/http/safe-redirect.ts';
import { dataCategoryText, formatDateTime, formatTime, isOneOf, type MessageKey } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, formValues, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { danishText, renderPage, type PageContext } from '../../platform/views/layout.ts';
import { getOwnRecord, listOwnAccessLog, lookUpCitizen } from './access-log.service.ts';
import type { CitizenRow } from './identity.repository.ts';
import { identityPolicy } from './identity.policy.ts';
import { IdpClients } from './identity.providers.ts';
import {
  completeSignIn,
  SignInError,
  type SignInRetry,
  signOut,
  signOutEverywhere,
  staffSignInMunicipalities,
  startSignIn,
  type IdentityDeps,
} from './identity.service.ts';

export const SIGN_IN_STATE_COOKIE = 'jobunivers-signin';

/** The session cookie's name: with https, the __Host- prefix pins it to this host, path / and Secure. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-jobunivers-session' : 'jobunivers-session';
}

const slugSchema = z.enum(['borger', 'medarbejder', 'leverandoer', 'faellesskab']);
const audienceOfSlug = (slug: z.infer<typeof slugSchema>): Audience =>
  (Object.entries(audienceSlugs) as [Audience, string][]).find(([, s]) => s === slug)?.[0] ?? 'citizen';

const signInQuerySchema = z.object({
  kommune: z
    .string()
    .regex(/^[0-9]{3}$/)
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
        const municipalities = await staffSignInMunicipalities(identity);
        // Sent without a choice (or a made-up one): the form again, saying what is missing.
        const submitted = new URL(request.url, config.baseUrl).searchParams.has('kommune');
        const ctx = pageContext(request, reply);
        const errors: FormErrors = submitted ? { kommune: ctx.t('signin.chooseMunicipality.required') } : {};
        return sendPage(
          reply,
          renderMunicipalityChoice(ctx, municipalities, { returnTo, level: request.query.niveau, fresh: request.query.genlogin === '1' }, errors),
          submitted ? 400 : 200,
        );
      }
      const { authorizationUrl, state } = await startSignIn(identity, {
        audience,
        municipalityCode: audience === 'staff' ? request.query.kommune : undefined,
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
    return sendPage(
      reply,
      renderPage(ctx, {
        title: ctx.t('signout.confirm.title'),
        body: html`<h1>${ctx.t('signout.confirm.title')}</h1><p class="font-lead">${ctx.t('signout.confirm.text')}</p>
<form method="post" action="/log-af">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${ctx.t('shell.signOut')}</button></form>`,
      }),
    );
  });

  app.get('/log-af/faerdig', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      renderPage(ctx, {
        title: ctx.t('signout.done.title'),
        body: html`<h1>${ctx.t('signout.done.title')}</h1><p class="font-lead">${ctx.t('signout.done.text')}</p><p><a href="/">${ctx.t('error.backHome')}</a></p>`,
      }),
    );
  });

  for (const start of startPages) {
    app.get(start.path, { config: { access: { roles: start.roles, level: 'Substantial' } } }, async (request, reply) =>
      sendPage(reply, renderStart(pageContext(request, reply, start.theme), principalOf(request))),
    );
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
  app.get('/medarbejder/borgere', { config: lookupAccess }, async (request, reply) => sendPage(reply, renderLookup(pageContext(request, reply), {}, {})));

  // POST, not GET: a CPR number must never end up in a URL, a server log or the browser history.
  app.post('/medarbejder/borgere', { config: lookupAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const query = formValues(request.body);
    return submitForm(reply, request.body, {
      run: () => lookUpCitizen(identity, principalOf(request), { cpr: query.cpr, purpose: query.purpose }),
      then: (citizen) => sendPage(reply, renderLookup(ctx, query, {}, citizen)),
      on: ['VALIDATION', 'NOT_FOUND'],
      showAgain: ({ error, errors }) => renderLookup(ctx, query, error.code === 'NOT_FOUND' ? { cpr: ctx.t('lookup.notFound') } : errors),
    });
  });
};

function renderMunicipalityChoice(
  ctx: PageContext,
  municipalities: { code: string; name: string }[],
  carried: { returnTo: string; level: string | undefined; fresh: boolean },
  errors: FormErrors,
): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('signin.chooseMunicipality.title'),
    body: html`<h1>${t('signin.chooseMunicipality.title')}</h1>
<p class="font-lead">${t('signin.chooseMunicipality.lead')}</p>
${
  errors.kommune
    ? html`<div class="alert alert-error" role="alert" id="error-summary" tabindex="-1"><div class="alert-body"><p class="alert-heading">${t('form.errorSummary')}</p>
<ul class="nobullet-list"><li><a href="#kommune">${errors.kommune}</a></li></ul></div></div>`
    : ''
}
<form method="get" action="/log-ind/medarbejder" novalidate>
  <input type="hidden" name="tilbage" value="${carried.returnTo}">${carried.level ? html`<input type="hidden" name="niveau" value="${carried.level}">` : ''}${carried.fresh ? html`<input type="hidden" name="genlogin" value="1">` : ''}
  <div class="form-group${errors.kommune ? ' form-error' : ''}">
    <label class="form-label" for="kommune">${t('signin.chooseMunicipality.label')}</label>
    <span class="form-hint" id="kommune-hint">${t('signin.chooseMunicipality.hint')}</span>
    ${errors.kommune ? html`<span class="form-error-message" id="kommune-error">${errors.kommune}</span>` : ''}
    <select class="form-select" id="kommune" name="kommune" required aria-describedby="kommune-hint${errors.kommune ? ' kommune-error' : ''}"${errors.kommune ? html` aria-invalid="true"` : ''}>
      <option value="">${t('signin.chooseMunicipality.empty')}</option>
      ${municipalities.map((m) => html`<option value="${m.code}">${m.name} (${m.code})</option>`)}
    </select>
  </div>
  <button class="button button-primary" type="submit">${t('signin.chooseMunicipality.submit')}</button>
</form>`,
  });
}

/** Where signing in again starts: the audience's sign-in, back to the page that asked, at the level it asked for. */
function signInAgainHref(retry: SignInRetry, municipalityCode?: string): string {
  const query = new URLSearchParams({ ...(municipalityCode ? { kommune: municipalityCode } : {}), tilbage: retry.returnTo, niveau: retry.requiredLevel });
  return `/log-ind/${audienceSlugs[retry.audience]}?${query.toString()}`;
}

function renderSignInFailed(ctx: PageContext, error: SignInError): SafeHtml {
  const { t } = ctx;
  const { reason, retry } = error;
  const title = reason === 'person' ? t('signin.failed.person.title') : t('signin.failed.title');
  const municipality = reason === 'municipality' ? retry?.municipality : undefined;
  const explanation = municipality
    ? municipality.chosen
      ? t('signin.failed.municipality', { chosen: municipality.chosen, employer: municipality.name })
      : t('signin.failed.municipality.notChosen', { employer: municipality.name })
    : t(`signin.failed.${reason}`);
  const wayOn =
    municipality && retry
      ? municipality.served
        ? html`<a class="button button-primary" href="${signInAgainHref(retry, municipality.code)}">${t('signin.failed.municipality.signInThere', { employer: municipality.name })}</a>`
        : html`${t('signin.failed.municipality.unserved', { employer: municipality.name })}`
      : retry
        ? html`<a class="button button-primary" href="${signInAgainHref(retry)}">${t('signin.signInAgain')}</a>`
        : html`<a class="button button-primary" href="/">${t('signin.tryAgain')}</a>`;
  return renderPage(ctx, {
    title,
    body: html`<h1>${title}</h1>
<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${explanation}</p></div></div>
<p class="mt-6">${wayOn}</p>`,
  });
}

/** What each role can go on to from its start page. */
const startLinks: { href: string; text: MessageKey; roles: Role[] }[] = [
  { href: '/medarbejder/henvendelser', text: 'journey.start.escalations', roles: ['caseworker'] },
  { href: '/medarbejder/borgere', text: 'start.caseworker.lookup', roles: ['caseworker'] },
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
  { href: '/faellesskab/gennemgang', text: 'start.governance.review', roles: ['governance_reviewer', 'governance_admin'] },
  { href: '/faellesskab/ydelser', text: 'review.nav.live', roles: ['governance_reviewer', 'governance_admin'] },
  { href: '/faellesskab/rammeaftaler', text: 'start.governance.frameworks', roles: ['governance_reviewer', 'governance_admin'] },
];

function renderStart(ctx: PageContext, principal: Principal): SafeHtml {
  const { t } = ctx;
  const links = startLinks.filter((link) => identityPolicy.can(principal, 'start-link.show', link));
  return renderPage(ctx, {
    title: t('start.title', { name: principal.name }),
    body: html`<h1>${t('start.title', { name: principal.name })}</h1>
<p class="font-lead">${t('start.lead')}</p>
<dl class="mb-6">
  <dt>${t('start.role')}</dt><dd>${principal.roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
  ${principal.municipality ? html`<dt>${t('start.municipality')}</dt><dd>${principal.municipality.name} (${principal.municipality.code})</dd>` : ''}
  ${principal.vendor ? html`<dt>${t('start.vendor')}</dt><dd>${principal.vendor.name} (CVR ${principal.vendor.cvr})</dd>` : ''}
  <dt>${t('start.level')}</dt><dd>${t(`level.${principal.nsisLevel}`)}</dd>
</dl>
${links.length > 0 ? html`<h2>${t('start.next')}</h2><ul>${links.map((link) => html`<li><a href="${link.href}">${t(link.text)}</a></li>`)}</ul>` : ''}
<form method="post" action="/log-af/alle" class="mt-6">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('start.signOutEverywhere')}</button></form>`,
  });
}

function renderMinLog(ctx: PageContext, rows: Awaited<ReturnType<typeof listOwnAccessLog>>, nextCursor: string | null): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('minlog.title'),
    body: html`<h1>${t('minlog.title')}</h1>
<p class="font-lead">${t('minlog.lead')}</p>
${
  rows.length === 0
    ? html`<p>${t('minlog.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
  <caption class="sr-only">${t('minlog.title')}</caption>
  <thead><tr><th scope="col">${t('minlog.when')}</th><th scope="col">${t('minlog.who')}</th><th scope="col">${t('minlog.what')}</th><th scope="col">${t('minlog.purpose')}</th></tr></thead>
  <tbody>${rows.map(
    (row) =>
      html`<tr><td>${formatDateTime(ctx.locale, row.occurred_at)}${
        row.count > 1 ? html`<br><span class="small-text">${t('minlog.repeated', { count: row.count, time: formatTime(ctx.locale, row.last_at) })}</span>` : ''
      }</td><td>${minLogActor(ctx, row)}, ${isOneOf(allRoles, row.actor_role) ? t(`role.${row.actor_role}`) : row.actor_role}, ${danishText(ctx, row.actor_organisation)}</td><td>${t(`minlog.action.${row.action}`)}: ${dataCategoryText(t, row.data_category)}</td><td>${minLogPurpose(ctx, row)}</td></tr>`,
  )}</tbody></table></div>`
}
${nextCursor ? html`<p><a href="/borger/min-log?cursor=${nextCursor}">${t('minlog.more')}</a></p>` : ''}`,
  });
}

type AccessLogRow = Awaited<ReturnType<typeof listOwnAccessLog>>[number];

/** Who read: a person's name as it is; a vendor's service by its listing's name in the reader's language where it has one. */
function minLogActor(ctx: PageContext, row: AccessLogRow): SafeHtml | string {
  if (row.actor_role !== 'vendor_service') return row.actor_name;
  return ctx.locale === 'en' && row.actor_name_en ? row.actor_name_en : danishText(ctx, row.actor_name);
}

/** Why: the platform's own wording per language; a listing's purpose in English where the vendor gave one; what staff typed, as typed. */
function minLogPurpose(ctx: PageContext, row: AccessLogRow): SafeHtml | string {
  const args = row.purpose_args;
  if (row.purpose_code === 'local_offer_participants' && args.title_da) {
    const title = ctx.locale === 'en' && args.title_en ? args.title_en : args.title_da;
    const titled = ctx.t('minlog.purpose.local_offer_participants', { title });
    return ctx.locale === 'en' && !args.title_en ? danishText(ctx, titled) : titled;
  }
  if (row.purpose_code === 'listing' && ctx.locale === 'en' && args.en) return args.en;
  return danishText(ctx, row.purpose);
}

function renderOwnRecord(ctx: PageContext, record: CitizenRow, principal: Principal): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('mydata.title'),
    body: html`<h1>${t('mydata.title')}</h1>
<p class="font-lead">${t('mydata.lead')}</p>
<dl>
  <dt>${t('mydata.name')}</dt><dd>${record.full_name}</dd>
  <dt>${t('mydata.cpr')}</dt><dd>${record.cpr_number.slice(0, 6)}-${record.cpr_number.slice(6)}</dd>
  <dt>${t('mydata.municipality')}</dt><dd>${principal.municipality?.name ?? record.municipality_code}</dd>
  <dt>${t('mydata.lastSignIn')}</dt><dd>${formatDateTime(ctx.locale, record.last_signed_in_at)}</dd>
</dl>`,
  });
}

function renderLookup(ctx: PageContext, values: Record<string, string>, errors: FormErrors, citizen?: CitizenRow): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('lookup.title'),
    body: html`<h1>${t('lookup.title')}</h1>
<p class="font-lead">${t('lookup.lead')}</p>
${errorSummary(t, errors)}
<form method="post" action="/medarbejder/borgere" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'cpr', label: t('lookup.cpr'), value: values.cpr, error: errors.cpr, maxLength: 11, autocomplete: 'off' })}
  ${textField({ name: 'purpose', label: t('lookup.purpose'), hint: t('lookup.purposeHint'), value: values.purpose, error: errors.purpose, maxLength: 500 })}
  <button class="button button-primary" type="submit">${t('lookup.submit')}</button>
</form>
${
  citizen
    ? html`<section class="mt-7" aria-labelledby="result"><h2 id="result">${citizen.full_name}</h2>
<dl><dt>${t('mydata.cpr')}</dt><dd>${citizen.cpr_number.slice(0, 6)}-${citizen.cpr_number.slice(6)}</dd>
<dt>${t('mydata.lastSignIn')}</dt><dd>${formatDateTime(ctx.locale, citizen.last_signed_in_at)}</dd></dl>
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('lookup.logged')}</p></div></div></section>`
    : ''
}`,
  });
}
