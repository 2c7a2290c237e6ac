// What every page of the municipality's workspace shares: the municipality's own band (logo, display name) with
// the workspace's navigation, DKFDS date fields that work without JavaScript, pages, messages and amounts.
import type { FieldError } from '../../platform/errors.ts';
import { formatNumber, translate, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import type { FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { copenhagenWallClock } from '../../platform/time.ts';
import type { BrandingRow, TaxonomyEntry } from './curation.repository.ts';

export const workspaceSections = [
  { key: 'catalogue', href: '/kommune/katalog', label: 'curation.nav.catalogue' },
  { key: 'offers', href: '/kommune/tilbud', label: 'curation.nav.offers' },
  { key: 'licences', href: '/kommune/licenser', label: 'curation.nav.licences' },
  { key: 'branding', href: '/kommune/branding', label: 'curation.nav.branding' },
  { key: 'notices', href: '/kommune/meddelelser', label: 'curation.nav.notices' },
  { key: 'ratings', href: '/kommune/bedoemmelser', label: 'curation.nav.ratings' },
] as const satisfies readonly { key: string; href: string; label: MessageKey }[];
export type WorkspaceSection = (typeof workspaceSections)[number]['key'];

/** The address of a municipality's logo; the version changes with every upload, so caches never show an old one. */
export function logoUrl(code: string, branding: Pick<BrandingRow, 'updated_at'>): string {
  return `/kommuner/${code}/logo?v=${branding.updated_at.getTime()}`;
}

/** The municipality's band at the top of each workspace page: its logo and name, and the workspace's sections. */
export function workspaceHeader(ctx: PageContext, branding: BrandingRow | undefined, current: WorkspaceSection): SafeHtml {
  const { t } = ctx;
  const code = ctx.municipality?.code ?? '';
  const name = branding?.display_name ?? (ctx.municipality ? `${ctx.municipality.name} Kommune` : '');
  return html`<div class="workspace-band d-flex flex-wrap align-items-center mb-5">
  ${branding?.has_logo ? html`<img class="mr-5" src="${logoUrl(code, branding)}" alt="${branding.logo_alt ?? ''}" height="64">` : ''}
  <p class="font-lead mt-0 mb-0"><strong>${name}</strong> — ${t('curation.workspace')}</p>
</div>
<nav aria-label="${t('curation.nav.label')}" class="mb-6"><ul class="nobullet-list d-flex flex-wrap">${workspaceSections.map(
    (section) =>
      html`<li class="mr-5">${section.key === current ? html`<a href="${section.href}" aria-current="page"><strong>${t(section.label)}</strong></a>` : html`<a href="${section.href}">${t(section.label)}</a>`}</li>`,
  )}</ul></nav>`;
}

/** A confirmation after a change ("saved", "cancelled", …), announced to screen readers. */
export function flash(text: string | undefined): SafeHtml | string {
  return text ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>` : '';
}

/** Previous/next links of a paged list. */
export function pager(ctx: PageContext, links: { previous?: string | undefined; next?: string | undefined }): SafeHtml | string {
  if (!links.previous && !links.next) return '';
  return html`<nav aria-label="${ctx.t('curation.pages')}" class="mt-5"><ul class="nobullet-list d-flex">${
    links.previous ? html`<li class="mr-5"><a href="${links.previous}">${ctx.t('curation.previous')}</a></li>` : ''
  }${links.next ? html`<li><a href="${links.next}">${ctx.t('curation.next')}</a></li>` : ''}</ul></nav>`;
}

/** Field errors placed on a form's fields: a nested field ("startsAt.day", "targetGroups.2") belongs to its group. */
export function placedErrors(fields: readonly FieldError[], locale: Locale): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) errors[field.field.split('.')[0] ?? field.field] ??= translate(locale, field.message, field.params);
  return errors;
}

export const nameIn = (locale: Locale, entry: { name_da: string | null; name_en: string | null }) =>
  (locale === 'en' ? (entry.name_en ?? entry.name_da) : (entry.name_da ?? entry.name_en)) ?? '';

export function labelOf(locale: Locale, entries: readonly TaxonomyEntry[], code: string | null): string {
  const entry = entries.find((e) => e.code === code);
  return entry ? nameIn(locale, entry) : (code ?? '');
}

/** "x/y pladser brugt": seat use of a licence. */
export function seatUse(ctx: PageContext, used: number, seats: number): string {
  return ctx.t('curation.licence.seatUse', { used: formatNumber(ctx.locale, used), seats: formatNumber(ctx.locale, seats) });
}

const kroner: Record<Locale, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'DKK' }),
};

export function formatKroner(locale: Locale, amount: string): string {
  return kroner[locale].format(Number(amount));
}

/** An amount as it is typed back into a Danish form field: "125000,50". */
export function kronerForForm(amount: string): string {
  return amount.replace('.', ',').replace(/,00$/, '');
}

type DateFieldOptions = {
  /** Prefix of the field names: <name>Day, <name>Month, <name>Year (and <name>Time). */
  name: string;
  legend: string;
  values: Record<string, string>;
  error?: string | undefined;
  hint?: string | undefined;
  withTime?: boolean;
};

/** DKFDS date input (day, month, year in a fieldset), with a time field when asked: plain fields, no JavaScript needed. */
export function dateFields(ctx: PageContext, options: DateFieldOptions): SafeHtml {
  const { t } = ctx;
  const id = `field-${options.name}`;
  const described = [options.hint ? `${id}-hint` : '', options.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const part = (suffix: string, label: string, group: string, size: number) => {
    const field = `${options.name}${suffix}`;
    return html`<div class="form-group ${group}">
      <label class="form-label" for="${id}-${suffix.toLowerCase()}">${label}</label>
      <input class="form-input" type="text" inputmode="numeric" id="${id}-${suffix.toLowerCase()}" name="${field}" value="${options.values[field] ?? ''}" maxlength="${size}"${
        options.error ? html` aria-invalid="true"` : ''
      }>
    </div>`;
  };
  return html`<div class="form-group${options.error ? ' form-error' : ''}">
  <fieldset id="${id}"${described ? html` aria-describedby="${described}"` : ''}>
    <legend class="form-label">${options.legend}</legend>
    ${options.hint ? html`<span class="form-hint" id="${id}-hint">${options.hint}</span>` : ''}
    ${options.error ? html`<span class="form-error-message" id="${id}-error">${options.error}</span>` : ''}
    <div class="date-group mt-3">
      ${part('Day', t('curation.date.day'), 'form-group-day', 2)}
      ${part('Month', t('curation.date.month'), 'form-group-month', 2)}
      ${part('Year', t('curation.date.year'), 'form-group-year', 4)}
      ${options.withTime ? part('Time', t('curation.date.time'), 'form-group-year', 5) : ''}
    </div>
  </fieldset>
</div>`;
}

/** A moment as the date and time fields show it (Copenhagen time). */
export function momentFieldValues(name: string, moment: Date): Record<string, string> {
  const clock = copenhagenWallClock(moment);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    [`${name}Day`]: String(clock.day),
    [`${name}Month`]: String(clock.month),
    [`${name}Year`]: String(clock.year),
    [`${name}Time`]: `${two(clock.hour)}:${two(clock.minute)}`,
  };
}

/** A calendar date (YYYY-MM-DD) as the date fields show it. */
export function dateFieldValues(name: string, date: string): Record<string, string> {
  const [year = '', month = '', day = ''] = date.split('-');
  return { [`${name}Day`]: String(Number(day)), [`${name}Month`]: String(Number(month)), [`${name}Year`]: year };
}

/** The parts of a date (and time) field group as the service reads them. */
export function momentInput(form: Record<string, unknown>, name: string): Record<string, unknown> {
  return { day: form[`${name}Day`], month: form[`${name}Month`], year: form[`${name}Year`], time: form[`${name}Time`] };
}

/** A submitted form's single-valued fields as text, to show them again after an error. */
export function textValues(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf'));
}

/** A submitted form's repeated field (checkboxes) as a list. */
export function listValue(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  return [value].flat().filter((v): v is string => typeof v === 'string');
}
