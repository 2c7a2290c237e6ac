import { z } from 'zod';
import { isAppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { csrfField, errorSummary, formErrors, formValues, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { VendorRow } from './vendors.repository.ts';
import { getOwnVendor, saveOwnVendorProfile } from './vendors.service.ts';

const dpaStatuses = ['not_started', 'sent', 'signed'] as const;

/** The vendor portal's company profile (virk.dk theme): administrators register and edit, developers read. */
export const vendorPages: RouteModule = (app, { db }) => {
  app.get(
    '/leverandoer/virksomhed',
    {
      config: { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } },
      schema: { querystring: z.object({ gemt: z.literal('1').optional().catch(undefined) }) },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply, 'virk');
      const actor = principalOf(request);
      const vendor = await getOwnVendor(db, actor);
      const values = vendor ? profileValues(vendor) : { name: actor.vendor?.name ?? '', dpaStatus: 'not_started' };
      return sendPage(
        reply,
        renderProfile(
          ctx,
          actor.vendor?.cvr ?? '',
          values,
          {},
          { registered: Boolean(vendor), canEdit: actor.roles.includes('vendor_admin'), saved: request.query.gemt === '1' },
        ),
      );
    },
  );

  app.post('/leverandoer/virksomhed', { config: { access: { roles: ['vendor_admin'], level: 'Substantial' } } }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const values = formValues(request.body);
    try {
      await saveOwnVendorProfile(db, actor, values);
      return reply.redirect('/leverandoer/virksomhed?gemt=1', 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
      const errors = formErrors(error.fields, ctx.locale);
      const registered = Boolean(await getOwnVendor(db, actor));
      return sendPage(reply, renderProfile(ctx, actor.vendor?.cvr ?? '', values, errors, { registered, canEdit: true, saved: false }), 400);
    }
  });
};

function profileValues(vendor: VendorRow): Record<string, string> {
  return {
    name: vendor.name,
    contactEmail: vendor.contact_email,
    contactPhone: vendor.contact_phone,
    supportUrl: vendor.support_url,
    dpaStatus: vendor.dpa_status,
  };
}

function renderProfile(
  ctx: PageContext,
  cvr: string,
  values: Record<string, string>,
  errors: FormErrors,
  state: { registered: boolean; canEdit: boolean; saved: boolean },
): SafeHtml {
  const { t } = ctx;
  const intro = state.registered
    ? ''
    : html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t(state.canEdit ? 'vendor.profile.register' : 'vendor.profile.notRegistered')}</p></div></div>`;
  const saved = state.saved
    ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('vendor.profile.saved')}</p></div></div>`
    : '';
  const body = state.canEdit
    ? html`${errorSummary(t, errors)}
<form method="post" action="/leverandoer/virksomhed" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'name', label: t('vendor.profile.name'), value: values.name, error: errors.name, maxLength: 200, autocomplete: 'organization' })}
  ${textField({ name: 'contactEmail', type: 'email', label: t('vendor.profile.contactEmail'), value: values.contactEmail, error: errors.contactEmail, maxLength: 320, autocomplete: 'email' })}
  ${textField({ name: 'contactPhone', label: t('vendor.profile.contactPhone'), hint: t('vendor.profile.contactPhoneHint'), value: values.contactPhone, error: errors.contactPhone, maxLength: 40, autocomplete: 'tel' })}
  ${textField({ name: 'supportUrl', type: 'url', label: t('vendor.profile.supportUrl'), hint: t('vendor.profile.supportUrlHint'), value: values.supportUrl, error: errors.supportUrl, maxLength: 2000 })}
  <fieldset class="form-group${errors.dpaStatus ? ' form-error' : ''}" id="field-dpaStatus">
    <legend class="form-label">${t('vendor.profile.dpaStatus')}</legend>
    ${errors.dpaStatus ? html`<span class="form-error-message">${errors.dpaStatus}</span>` : ''}
    ${dpaStatuses.map(
      (status) =>
        html`<div class="form-group-radio"><input type="radio" class="form-radio" id="dpa-${status}" name="dpaStatus" value="${status}"${values.dpaStatus === status ? html` checked` : ''}><label for="dpa-${status}">${t(`vendor.profile.dpa.${status}` as MessageKey)}</label></div>`,
    )}
  </fieldset>
  <button class="button button-primary" type="submit">${t('vendor.profile.save')}</button>
</form>`
    : state.registered
      ? html`<dl>
  <dt>${t('vendor.profile.name')}</dt><dd>${values.name}</dd>
  <dt>${t('vendor.profile.contactEmail')}</dt><dd>${values.contactEmail}</dd>
  <dt>${t('vendor.profile.contactPhone')}</dt><dd>${values.contactPhone}</dd>
  <dt>${t('vendor.profile.supportUrl')}</dt><dd>${values.supportUrl}</dd>
  <dt>${t('vendor.profile.dpaStatus')}</dt><dd>${t(`vendor.profile.dpa.${values.dpaStatus ?? 'not_started'}` as MessageKey)}</dd>
</dl>`
      : '';
  return renderPage(ctx, {
    title: t('vendor.profile.title'),
    body: html`<h1>${t('vendor.profile.title')}</h1>
<p class="font-lead">${t('vendor.profile.lead')}</p>
<p><strong>${t('vendor.profile.cvr')}:</strong> ${cvr}</p>
${saved}${intro}${body}`,
  });
}
