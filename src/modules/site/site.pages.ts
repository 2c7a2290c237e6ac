import { publicAccess } from '../../platform/http/access.ts';
import { z } from 'zod';
import { LANGUAGE_COOKIE, type RouteModule } from '../../platform/http/app.ts';
import { formOnce, formTokenField } from '../../platform/http/form-token.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { safeRedirectPath } from '../../platform/http/safe-redirect.ts';
import { formatNumber } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, formValues, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { countCoverage } from '../municipalities/index.ts';
import { languageSwitchQuerySchema } from './site.schemas.ts';
import { submitAccessibilityFeedback } from './site.service.ts';

/** The five ways in, one per kind of user (PRODUCT.md §2); each is a start page behind sign-in. */
const audiences = [
  { path: '/borger', key: 'citizen' },
  { path: '/medarbejder', key: 'caseworker' },
  { path: '/kommune', key: 'municipality' },
  { path: '/leverandoer', key: 'vendor' },
  { path: '/faellesskab', key: 'governance' },
] as const;

const COVERAGE_TTL_MS = 30_000;

/** Public pages: landing, audience entry points, accessibility statement with its feedback form, language switch. */
export const sitePages: RouteModule = (app, { db, config }) => {
  // The landing page is the most visited page; its two figures change rarely, so they are kept briefly.
  let coverage: { value: Awaited<ReturnType<typeof countCoverage>>; at: number } | undefined;
  const coverageFigures = async () => {
    if (!coverage || Date.now() - coverage.at > COVERAGE_TTL_MS) coverage = { value: await countCoverage(db), at: Date.now() };
    return coverage.value;
  };

  app.get('/', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, renderLanding(ctx, await coverageFigures()));
  });

  app.get('/sprog', { config: publicAccess, schema: { querystring: languageSwitchQuerySchema } }, async (request, reply) => {
    reply.setCookie(LANGUAGE_COOKIE, request.query.til, {
      path: '/',
      maxAge: 365 * 24 * 60 * 60,
      sameSite: 'lax',
      httpOnly: true,
      secure: config.secureCookies,
    });
    return reply.redirect(safeRedirectPath(request.query.tilbage, config.baseUrl), 303);
  });

  app.get('/tilgaengelighed', { config: publicAccess }, async (request, reply) => sendPage(reply, renderStatement(pageContext(request, reply), {}, {})));

  app.post('/tilgaengelighed', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const input = formValues(request.body);
    return submitForm(reply, request.body, {
      run: async () => {
        // Anyone may write, signed in or not: a signed-in person's token replays only for them; without sign-in, only
        // whoever holds the form (its token is random) can replay it, and all it shows is the reference.
        const { reference, replayed } = await submitAccessibilityFeedback(
          db,
          input,
          ctx.locale,
          formOnce(request.body, 'site.accessibility-feedback', request.principal?.subject ?? 'anonymous'),
        );
        return `/tilgaengelighed/tak/${reference}${replayed ? '?allerede=1' : ''}`;
      },
      showAgain: ({ errors }) => renderStatement(ctx, input, errors),
    });
  });

  app.get(
    '/tilgaengelighed/tak/:reference',
    {
      config: publicAccess,
      schema: {
        params: z.object({ reference: z.string().regex(/^TG-[A-Z0-9]{4}-[A-Z0-9]{4}$/) }),
        querystring: z.object({ allerede: z.literal('1').optional().catch(undefined) }),
      },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        renderPage(ctx, {
          title: ctx.t('a11y.thanksTitle'),
          body: html`${request.query.allerede ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${ctx.t('form.alreadySubmitted')}</p></div></div>` : ''}
<div class="alert alert-success" role="status"><div class="alert-body">
  <h1 class="alert-heading h2">${ctx.t('a11y.thanksTitle')}</h1>
  <p class="alert-text">${ctx.t('a11y.thanksText', { reference: request.params.reference })}</p>
</div></div>
<p class="mt-6"><a href="/">${ctx.t('error.backHome')}</a></p>`,
        }),
      );
    },
  );
};

function renderLanding(ctx: PageContext, figures: { municipalities: number; jobcenters: number }) {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('landing.title'),
    body: html`<h1>${t('landing.title')}</h1>
<p class="font-lead">${t('landing.lead')}</p>
<h2>${t('landing.howTitle')}</h2>
<ol>
  <li>${t('landing.how1')}</li>
  <li>${t('landing.how2')}</li>
  <li>${t('landing.how3')}</li>
</ol>
<h2>${t('landing.audiencesTitle')}</h2>
<p>${t('landing.entryComing')}</p>
<ul class="nobullet-list audience-cards">
${audiences.map(
  (a) => html`<li><a class="card" href="${a.path}">
  <div class="card-content">
    <h3 class="card-heading">${t(`landing.${a.key}.title`)}</h3>
    <p>${t(`landing.${a.key}.text`)}</p>
    <p class="function-link">${t(`landing.${a.key}.link`)}</p>
  </div>
</a></li>`,
)}
</ul>
<h2>${t('landing.statsTitle')}</h2>
<ul>
  <li><strong>${formatNumber(ctx.locale, figures.municipalities)}</strong> ${t('landing.statsMunicipalities')}</li>
  <li><strong>${formatNumber(ctx.locale, figures.jobcenters)}</strong> ${t('landing.statsJobcenters')} — <a href="/kommuner">${t('shell.footer.municipalities')}</a></li>
</ul>`,
  });
}

function renderStatement(ctx: PageContext, values: Record<string, string>, errors: FormErrors) {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('a11y.title'),
    body: html`<div class="row"><div class="col-12 col-lg-8">
<h1>${t('a11y.title')}</h1>
<p class="font-lead">${t('a11y.intro')}</p>
<h2>${t('a11y.statusTitle')}</h2>
<p>${t('a11y.status')}</p>
<h2>${t('a11y.knownTitle')}</h2>
<p>${t('a11y.known')}</p>
<h2>${t('a11y.preparedTitle')}</h2>
<p>${t('a11y.prepared')}</p>
<h2 id="feedback">${t('a11y.feedbackTitle')}</h2>
<p>${t('a11y.feedbackLead')}</p>
${errorSummary(t, errors)}
<form method="post" action="/tilgaengelighed" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(values)}
  ${textArea({ name: 'description', label: t('a11y.field.description'), hint: t('a11y.field.descriptionHint'), value: values.description, error: errors.description, maxLength: 5000 })}
  ${textField({ name: 'pageUrl', label: t('a11y.field.pageUrl'), value: values.pageUrl, error: errors.pageUrl, optional: true, maxLength: 2000 })}
  ${textField({ name: 'name', label: t('a11y.field.name'), value: values.name, error: errors.name, optional: true, autocomplete: 'name', maxLength: 200 })}
  ${textField({ name: 'email', type: 'email', label: t('a11y.field.email'), value: values.email, error: errors.email, optional: true, autocomplete: 'email', maxLength: 320 })}
  <button class="button button-primary" type="submit">${t('a11y.submit')}</button>
</form>
<h2>${t('a11y.complaintTitle')}</h2>
<p>${t('a11y.complaint')}</p>
</div></div>`,
  });
}
