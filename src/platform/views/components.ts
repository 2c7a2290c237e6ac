import type { FieldError } from '../errors.ts';
import { translate, type Locale, type Translator } from '../i18n/index.ts';
import { html, type SafeHtml } from './html.ts';

/** Field-level messages for a form, keyed by field name, already in the reader's language. */
export type FormErrors = Record<string, string>;

/** A service's field errors as a form shows them: one message per field, in the reader's language. */
export function formErrors(fields: readonly FieldError[], locale: Locale): FormErrors {
  return Object.fromEntries(fields.map((f) => [f.field, translate(locale, f.message, f.params)]));
}

type FieldOptions = {
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  type?: 'text' | 'email' | 'url';
  autocomplete?: string;
  maxLength?: number;
};

/** A field's element id: its name with what an id should not hold (the dot of `answers.<key>`) made a dash. */
function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function describedBy(id: string, hint: unknown, error: unknown): SafeHtml | string {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function fieldParts(id: string, options: FieldOptions): { label: SafeHtml; hint: SafeHtml | string; error: SafeHtml | string } {
  return {
    label: html`<label class="form-label" for="${id}">${options.label}</label>`,
    hint: options.hint ? html`<span class="form-hint" id="${id}-hint">${options.hint}</span>` : '',
    error: options.error ? html`<span class="form-error-message" id="${id}-error">${options.error}</span>` : '',
  };
}

/** A DKFDS text input with label, hint and the field's error message next to it. */
export function textField(options: FieldOptions): SafeHtml {
  const id = fieldId(options.name);
  const parts = fieldParts(id, options);
  return html`<div class="form-group${options.error ? ' form-error' : ''}">
  ${parts.label}${parts.hint}${parts.error}
  <input class="form-input" type="${options.type ?? 'text'}" id="${id}" name="${options.name}" value="${options.value ?? ''}"${
    options.optional ? '' : html` required`
  }${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${
    options.maxLength ? html` maxlength="${options.maxLength}"` : ''
  }${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>
</div>`;
}

/** A DKFDS textarea with label, hint and error message. */
export function textArea(options: FieldOptions & { rows?: number }): SafeHtml {
  const id = fieldId(options.name);
  const parts = fieldParts(id, options);
  return html`<div class="form-group${options.error ? ' form-error' : ''}">
  ${parts.label}${parts.hint}${parts.error}
  <textarea class="form-input" id="${id}" name="${options.name}" rows="${options.rows ?? 5}"${options.optional ? '' : html` required`}${
    options.maxLength ? html` maxlength="${options.maxLength}"` : ''
  }${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>${options.value ?? ''}</textarea>
</div>`;
}

/**
 * The summary at the top of a form that failed validation: one entry per field, "<field label>: <message>", linking
 * to the field. Focused by app.js. A label given in `labels` is used as it is; any other is the field's own label
 * (or legend) on the page, filled in by `nameSummaryEntries` when the page is rendered, so no form can forget it.
 */
export function errorSummary(t: Translator, errors: FormErrors, labels: Record<string, string> = {}): SafeHtml | string {
  const entries = Object.entries(errors);
  if (entries.length === 0) return '';
  return html`<div class="alert alert-error" role="alert" id="error-summary" tabindex="-1">
  <div class="alert-body">
    <p class="alert-heading">${t('form.errorSummary')}</p>
    <ul class="nobullet-list">${entries.map(([field, message]) => {
      const label = labels[field];
      return label
        ? html`<li><a href="#${fieldId(field)}">${labelForSummary(label)}: ${message}</a></li>`
        : html`<li><a href="#${fieldId(field)}" data-summary-entry>${message}</a></li>`;
    })}</ul>
  </div>
</div>`;
}

// A question as a label reads badly before a colon ("Hvilke sprog?: Vælg …"), so its end mark goes.
const labelForSummary = (label: string) => label.trim().replace(/[?:.]+$/, '');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Names each error summary entry of a rendered page after its field: the text of `<label for="field-x">` or of the
 * legend of the fieldset with id `field-x`, as the form components write them. The page is escaped HTML already and
 * the label is taken from it without tags, so it goes back in as it is. An entry whose field has no label on the page
 * keeps the message alone.
 */
export function nameSummaryEntries(page: string): string {
  if (!page.includes('data-summary-entry')) return page;
  return page.replace(/<a href="#([^"]+)" data-summary-entry>/g, (_whole, id: string) => {
    const pattern = escapeRegExp(id);
    const label =
      new RegExp(`<label class="form-label" for="${pattern}">([^<]+)</label>`).exec(page)?.[1] ??
      new RegExp(`id="${pattern}"[^>]*>\\s*<legend class="form-label">([^<]+)</legend>`).exec(page)?.[1];
    return label ? `<a href="#${id}">${labelForSummary(label)}: ` : `<a href="#${id}">`;
  });
}

/** The hidden field carrying the CSRF token; every form that changes something includes it. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** The field a confirmation's "yes" button sends: an action that asks first acts only on a POST carrying it. */
export const CONFIRM_FIELD = 'bekraeft';

/** Whether a submitted form is the confirmed one (the "yes" of `confirmation`). */
export function isConfirmed(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)[CONFIRM_FIELD] === 'ja';
}

/**
 * The body of a confirmation page, without JavaScript: the heading names what will happen, "yes" posts the same
 * action again confirmed (with `hidden` fields carried along), "cancel" is a link back where the user came from.
 */
export function confirmation(options: {
  heading: string;
  text: string;
  action: string;
  csrfToken: string;
  confirmLabel: string;
  cancelLabel: string;
  cancelHref: string;
  hidden?: Record<string, string>;
}): SafeHtml {
  return html`<h1>${options.heading}</h1>
<p class="font-lead">${options.text}</p>
<form method="post" action="${options.action}" class="mt-5">
  ${csrfField(options.csrfToken)}<input type="hidden" name="${CONFIRM_FIELD}" value="ja">${Object.entries(options.hidden ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}
  <button class="button button-primary" type="submit">${options.confirmLabel}</button>
  <a class="button button-secondary" href="${options.cancelHref}">${options.cancelLabel}</a>
</form>`;
}

/** The text fields of a submitted form (anything else, such as repeated fields, is dropped), to show again after an error. */
export function formValues(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf'));
}

type Choice = { value: string; label: string };
type ChoiceGroupOptions = {
  name: string;
  legend: string;
  choices: readonly Choice[];
  hint?: string | undefined;
  error?: string | undefined;
};

function choiceGroup(kind: 'checkbox' | 'radio', options: ChoiceGroupOptions, isChecked: (value: string) => boolean): SafeHtml {
  const id = fieldId(options.name);
  return html`<fieldset class="form-group${options.error ? ' form-error' : ''}" id="${id}"${describedBy(id, options.hint, options.error)}>
  <legend class="form-label">${options.legend}</legend>
  ${options.hint ? html`<span class="form-hint" id="${id}-hint">${options.hint}</span>` : ''}${options.error ? html`<span class="form-error-message" id="${id}-error">${options.error}</span>` : ''}
  <ul class="nobullet-list">${options.choices.map(
    (choice) =>
      html`<li class="form-group-${kind}"><input type="${kind}" class="form-${kind}" id="${id}-${choice.value}" name="${options.name}" value="${choice.value}"${isChecked(choice.value) ? html` checked` : ''}><label for="${id}-${choice.value}">${choice.label}</label></li>`,
  )}</ul>
</fieldset>`;
}

/** DKFDS checkboxes in a fieldset: several of the choices may be picked. */
export function checkboxGroup(options: ChoiceGroupOptions & { values: readonly string[] }): SafeHtml {
  return choiceGroup('checkbox', options, (value) => options.values.includes(value));
}

/** DKFDS radio buttons in a fieldset: one of the choices. */
export function radioGroup(options: ChoiceGroupOptions & { value?: string | undefined }): SafeHtml {
  return choiceGroup('radio', options, (value) => options.value === value);
}

/** A DKFDS select with an empty first option ("choose"). */
export function selectField(options: Omit<FieldOptions, 'type' | 'autocomplete' | 'maxLength'> & { choices: readonly Choice[]; emptyLabel: string }): SafeHtml {
  const id = fieldId(options.name);
  const parts = fieldParts(id, options);
  return html`<div class="form-group${options.error ? ' form-error' : ''}">
  ${parts.label}${parts.hint}${parts.error}
  <select class="form-select" id="${id}" name="${options.name}"${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>
    <option value="">${options.emptyLabel}</option>
    ${options.choices.map((choice) => html`<option value="${choice.value}"${options.value === choice.value ? html` selected` : ''}>${choice.label}</option>`)}
  </select>
</div>`;
}

export type DateFieldOptions = {
  /** Prefix of the field names: <name>Day, <name>Month, <name>Year (and <name>Time). */
  name: string;
  legend: string;
  values: Record<string, string>;
  error?: string | undefined;
  hint?: string | undefined;
  withTime?: boolean;
};

/** DKFDS date input (day, month, year in a fieldset), with a time field when asked: plain fields, no JavaScript needed. */
export function dateFields(ctx: { t: Translator }, options: DateFieldOptions): SafeHtml {
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
      ${part('Day', t('form.date.day'), 'form-group-day', 2)}
      ${part('Month', t('form.date.month'), 'form-group-month', 2)}
      ${part('Year', t('form.date.year'), 'form-group-year', 4)}
      ${options.withTime ? part('Time', t('form.date.time'), 'form-group-year', 5) : ''}
    </div>
  </fieldset>
</div>`;
}
