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
  const id = `field-${options.name}`;
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
  const id = `field-${options.name}`;
  const parts = fieldParts(id, options);
  return html`<div class="form-group${options.error ? ' form-error' : ''}">
  ${parts.label}${parts.hint}${parts.error}
  <textarea class="form-input" id="${id}" name="${options.name}" rows="${options.rows ?? 5}"${options.optional ? '' : html` required`}${
    options.maxLength ? html` maxlength="${options.maxLength}"` : ''
  }${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>${options.value ?? ''}</textarea>
</div>`;
}

/** The summary at the top of a form that failed validation, linking to each field. Focused by app.js. */
export function errorSummary(t: Translator, errors: FormErrors): SafeHtml | string {
  const entries = Object.entries(errors);
  if (entries.length === 0) return '';
  return html`<div class="alert alert-error" role="alert" id="error-summary" tabindex="-1">
  <div class="alert-body">
    <p class="alert-heading">${t('form.errorSummary')}</p>
    <ul class="nobullet-list">${entries.map(([field, message]) => html`<li><a href="#field-${field}">${message}</a></li>`)}</ul>
  </div>
</div>`;
}

/** The hidden field carrying the CSRF token; every form that changes something includes it. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
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
  const id = `field-${options.name}`;
  return html`<fieldset class="form-group${options.error ? ' form-error' : ''}" id="${id}"${describedBy(id, options.hint, options.error)}>
  <legend class="form-label">${options.legend}</legend>
  ${options.hint ? html`<span class="form-hint" id="${id}-hint">${options.hint}</span>` : ''}${options.error ? html`<span class="form-error-message" id="${id}-error">${options.error}</span>` : ''}
  <ul class="nobullet-list">${options.choices.map(
    (choice) => html`<li class="form-group-${kind}"><input type="${kind}" class="form-${kind}" id="${id}-${choice.value}" name="${options.name}" value="${choice.value}"${isChecked(choice.value) ? html` checked` : ''}><label for="${id}-${choice.value}">${choice.label}</label></li>`,
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
  const id = `field-${options.name}`;
  const parts = fieldParts(id, options);
  return html`<div class="form-group${options.error ? ' form-error' : ''}">
  ${parts.label}${parts.hint}${parts.error}
  <select class="form-select" id="${id}" name="${options.name}"${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>
    <option value="">${options.emptyLabel}</option>
    ${options.choices.map((choice) => html`<option value="${choice.value}"${options.value === choice.value ? html` selected` : ''}>${choice.label}</option>`)}
  </select>
</div>`;
}
