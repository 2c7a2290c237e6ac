import { csrfField, errorSummary, radioGroup, textField, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import type { ContactRow } from './vendor-data.repository.ts';
import { formatPhone } from './vendor-data.schemas.ts';

export type ContactValues = { email: string; phone: string; preferredLanguage: string };

/** The form's values from what is stored (the phone shown the Danish way). */
export function contactValuesOf(row: ContactRow | undefined): ContactValues {
  return { email: row?.email ?? '', phone: row?.phone ? formatPhone(row.phone) : '', preferredLanguage: row?.preferred_language ?? 'da' };
}

/** The form's values from what was typed, to show again next to the errors. */
export function contactValuesFromForm(body: unknown): ContactValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { email: text(b.email), phone: text(b.phone), preferredLanguage: text(b.preferredLanguage) };
}

/** "Mine kontaktoplysninger": e-mail, phone and language, with field-level errors. */
export function renderContact(ctx: PageContext, state: { values: ContactValues; errors: FormErrors; saved: boolean }): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('vendorData.contact.title')}</h1>
<p class="font-lead">${t('vendorData.contact.lead')}</p>
${state.saved ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('vendorData.contact.saved')}</p></div></div>` : ''}
${errorSummary(t, state.errors)}
<form method="post" action="/borger/kontakt" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textField({ name: 'email', label: t('vendorData.contact.email'), hint: t('vendorData.contact.emailHint'), type: 'email', autocomplete: 'email', value: state.values.email, error: state.errors.email, optional: true, maxLength: 254 })}
  ${textField({ name: 'phone', label: t('vendorData.contact.phone'), hint: t('vendorData.contact.phoneHint'), autocomplete: 'tel', value: state.values.phone, error: state.errors.phone, optional: true, maxLength: 30 })}
  ${radioGroup({
    name: 'preferredLanguage',
    legend: t('vendorData.contact.language'),
    choices: [
      { value: 'da', label: t('vendorData.contact.language.da') },
      { value: 'en', label: t('vendorData.contact.language.en') },
    ],
    value: state.values.preferredLanguage,
    error: state.errors.preferredLanguage,
  })}
  <button class="button button-primary" type="submit">${t('vendorData.contact.save')}</button>
</form>
<p class="mt-7">${t('vendorData.contact.sharing')} <a href="/borger/min-log">${t('vendorData.contact.minLog')}</a></p>
<p><a href="/borger/beskeder/ny">${t('messages.contact.link')}</a></p>
<p><a href="/borger/spoergsmaal">${t('knowledge.startLink')}</a></p>`;
}
