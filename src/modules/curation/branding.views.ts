// How the workspace's branding page looks: a preview of the municipality's band, the form with its logo upload (no
// JavaScript needed), and the municipality's jobcenters.
import type { MessageKey } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { getMunicipality } from '../municipalities/index.ts';
import type { BrandingRow } from './curation.repository.ts';
import { flash, logoUrl } from './curation.views.ts';

/** Where the workspace's branding page lives. */
export const BRANDING = '/kommune/branding';

/** What was typed into the branding form, and its messages. */
export type BrandingForm = { values: Record<string, string>; errors: FormErrors };
export type Jobcenters = Awaited<ReturnType<typeof getMunicipality>>['jobcenters'];

function logoField(ctx: PageContext, error: string | undefined): SafeHtml {
  const { t } = ctx;
  const id = 'field-logo';
  return html`<div class="form-group${error ? ' form-error' : ''}">
  <label class="form-label" for="${id}">${t('curation.field.logo')}</label>
  <span class="form-hint" id="${id}-hint">${t('curation.branding.logoHint')}</span>
  ${error ? html`<span class="form-error-message" id="${id}-error">${error}</span>` : ''}
  <input type="file" id="${id}" name="logo" accept="image/png,image/jpeg" aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

function renderJobcenters(ctx: PageContext, code: string, jobcenters: Jobcenters): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="jobcenter-heading" class="mt-6">
<h2 id="jobcenter-heading">${t('curation.branding.jobcenterTitle')}</h2>
<p>${t('curation.branding.jobcenterLead')}</p>
${
  jobcenters.length === 0
    ? html`<p>${t('curation.branding.noJobcenter')}</p>`
    : html`<ul class="nobullet-list">${jobcenters.map(
        (j) =>
          html`<li class="mb-4"><strong>${j.name}</strong><br>${j.street}, ${j.postal_code} ${j.city}<br>${t('curation.branding.phone')}: ${j.phone} · ${j.email}</li>`,
      )}</ul>`
}
<p><a href="/kommuner/${code}">${t('curation.branding.jobcenterLink')}</a></p>
</section>`;
}

/** The branding page: a preview, the form with the logo upload, and the municipality's jobcenters. */
export function renderBranding(
  ctx: PageContext,
  header: SafeHtml,
  view: { code: string; branding: BrandingRow | undefined; jobcenters: Jobcenters; notice?: MessageKey | undefined; form: BrandingForm },
): SafeHtml {
  const { t, locale } = ctx;
  const { branding } = view;
  const v = view.form.values;
  const e = view.form.errors;
  const contact = locale === 'en' ? branding?.contact_text_en : branding?.contact_text_da;
  return renderPage(ctx, {
    title: t('curation.branding.title'),
    body: html`${header}
<h1>${t('curation.branding.title')}</h1>
<p class="font-lead">${t('curation.branding.lead')}</p>
${flash(view.notice ? t(view.notice) : undefined)}
<section aria-labelledby="preview-heading" class="mb-6">
<h2 id="preview-heading">${t('curation.branding.preview')}</h2>
${branding?.has_logo ? html`<p><img src="${logoUrl(view.code, branding)}" alt="${branding.logo_alt ?? ''}" height="96"></p>` : html`<p>${t('curation.branding.noLogo')}</p>`}
<p><strong>${branding?.display_name ?? (ctx.municipality ? `${ctx.municipality.name} Kommune` : '')}</strong></p>
${contact ? html`<p class="preserve-lines">${contact}</p>` : ''}
</section>
<h2>${t('curation.branding.edit')}</h2>
${errorSummary(t, e)}
<form method="post" action="${BRANDING}" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'displayName', label: t('curation.field.displayName'), hint: t('curation.branding.displayNameHint'), value: v.displayName, error: e.displayName, maxLength: 120, optional: true })}
  ${textArea({ name: 'contactTextDa', label: t('curation.field.contactTextDa'), hint: t('curation.branding.contactHint'), value: v.contactTextDa, error: e.contactTextDa, maxLength: 1000, rows: 4, optional: true })}
  ${textArea({ name: 'contactTextEn', label: t('curation.field.contactTextEn'), value: v.contactTextEn, error: e.contactTextEn, maxLength: 1000, rows: 4, optional: true })}
  ${logoField(ctx, e.logo)}
  ${textField({ name: 'logoAlt', label: t('curation.field.logoAlt'), hint: t('curation.branding.logoAltHint'), value: v.logoAlt, error: e.logoAlt, maxLength: 200, optional: true })}
  <button class="button button-primary" type="submit">${t('curation.branding.save')}</button>
</form>
${
  branding?.has_logo
    ? html`<form method="post" action="${BRANDING}/fjern-logo" class="mt-5">${csrfField(ctx.csrfToken())}<button class="button button-secondary" type="submit">${t('curation.branding.removeLogo')}</button></form>`
    : ''
}
${renderJobcenters(ctx, view.code, view.jobcenters)}`,
  });
}
