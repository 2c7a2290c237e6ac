// How the public pages look: landing page, accessibility statement with its feedback form, and the thanks page.
import { formTokenField } from '../../platform/http/form-token.ts';
import { formatNumber } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';

/** The five ways in, one per kind of user (PRODUCT.md §2); each is a start page behind sign-in. */
const audiences = [
  { path: '/borger', key: 'citizen' },
  { path: '/medarbejder', key: 'caseworker' },
  { path: '/kommune', key: 'municipality' },
  { path: '/leverandoer', key: 'vendor' },
  { path: '/faellesskab', key: 'governance' },
] as const;

/** The landing page: how it works, the ways in per audience, and the platform's coverage. */
export function renderLanding(ctx: PageContext, figures: { municipalities: number; jobcenters: number }) {
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
</ul>
<p><a href="/job">${t('shell.footer.jobs')}</a></p>
<p><a href="/statistik">${t('shell.footer.statistics')}</a></p>`,
  });
}

/** The accessibility statement with its feedback form, showing what was typed and its errors. */
export function renderStatement(ctx: PageContext, values: Record<string, string>, errors: FormErrors) {
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

/** The thanks page after accessibility feedback, with its reference; says so when the form was sent before. */
export function renderFeedbackThanks(ctx: PageContext, reference: string, alreadySubmitted: boolean) {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('a11y.thanksTitle'),
    body: html`${alreadySubmitted ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('form.alreadySubmitted')}</p></div></div>` : ''}
<div class="alert alert-success" role="status"><div class="alert-body">
  <h1 class="alert-heading h2">${t('a11y.thanksTitle')}</h1>
  <p class="alert-text">${t('a11y.thanksText', { reference })}</p>
</div></div>
<p class="mt-6"><a href="/">${t('error.backHome')}</a></p>`,
  });
}
