import type { AnswerType } from '../../platform/db/schema.ts';
import type { Locale, Translator } from '../../platform/i18n/index.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import type { Localized } from './declarations.service.ts';

/** The text in the reader's language. */
export function inLocale(locale: Locale, text: Localized): string {
  return locale === 'en' ? text.en : text.da;
}

/** An answer as a person reads it: yes/no and assurance levels in words, anything else as written. */
export function answerText(t: Translator, type: AnswerType, value: string): string {
  if (type === 'yes_no' && (value === 'yes' || value === 'no')) return t(`framework.answer.${value}`);
  if (type === 'nsis_level' && (value === 'Low' || value === 'Substantial' || value === 'High')) return t(`level.${value}`);
  return value;
}

/** The choices of a yes/no or assurance-level question, in the reader's language. */
export function answerChoices(t: Translator, type: 'yes_no' | 'nsis_level'): { value: string; label: string }[] {
  return type === 'yes_no'
    ? [
        { value: 'yes', label: t('framework.answer.yes') },
        { value: 'no', label: t('framework.answer.no') },
      ]
    : (['Low', 'Substantial', 'High'] as const).map((level) => ({ value: level, label: t(`level.${level}`) }));
}

type BadgeKind = 'info' | 'success' | 'warning' | 'error';

/** A DKFDS badge: a short status word next to a heading or a field. */
export function badge(kind: BadgeKind, text: string): SafeHtml {
  return html`<span class="badge badge-${kind}">${text}</span>`;
}

const statusBadges = { draft: 'warning', published: 'success', retired: 'info' } as const satisfies Record<string, BadgeKind>;

/** A framework version's status as a badge. */
export function versionStatusBadge(t: Translator, status: keyof typeof statusBadges): SafeHtml {
  return badge(statusBadges[status], t(`framework.status.${status}`));
}

/** An alert box (DKFDS); `status` makes screen readers announce it. */
export function alert(kind: BadgeKind, content: SafeHtml | string, options: { role?: 'status' | 'alert' } = {}): SafeHtml {
  return html`<div class="alert alert-${kind}"${options.role ? html` role="${options.role}"` : ''}><div class="alert-body"><p class="alert-text">${content}</p></div></div>`;
}
