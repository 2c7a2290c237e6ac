import { da, en, type MessageKey } from './catalogue.ts';
import { COPENHAGEN } from '../time.ts';

export type { MessageKey };
export const locales = ['da', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'da';

const catalogues: Record<Locale, Record<MessageKey, string>> = { da, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'da' || value === 'en';
}

/**
 * Whether a text read as plain data (a database column, a zod issue) names a message. Code that builds a key from a
 * value of a known union needs no such check: the template literal's type is checked against MessageKey.
 */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(da, value);
}

/** Whether a value read as plain text is one of a closed list, so a key built from it is checked by the compiler. */
export function isOneOf<V extends string | number>(values: readonly V[], value: string | number): value is V {
  return (values as readonly (string | number)[]).includes(value);
}

/** Looks up a UI text in the locale's catalogue and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translator = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

/** What a data category read from the access log is called; the code itself for one the catalogue does not name. */
export function dataCategoryText(t: Translator, category: string): string {
  const key = `dataCategory.${category}`;
  return isMessageKey(key) ? t(key) : category;
}

const tags: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };

/** One formatter per language; `calendar` ones read a YYYY-MM-DD date as it stands, the others a moment in Copenhagen. */
function formats(options: Intl.DateTimeFormatOptions, calendar = false): Record<Locale, Intl.DateTimeFormat> {
  const timeZone = calendar ? 'UTC' : COPENHAGEN;
  return { da: new Intl.DateTimeFormat(tags.da, { ...options, timeZone }), en: new Intl.DateTimeFormat(tags.en, { ...options, timeZone }) };
}

const dateTimeFormats = formats({ dateStyle: 'long', timeStyle: 'short' });
const dateFormats = formats({ dateStyle: 'long' });
const dayFormats = formats({ dateStyle: 'full' });
const timeFormats = formats({ timeStyle: 'short' });
const calendarFormats = formats({ dateStyle: 'long' }, true);
const calendarDayFormats = formats({ dateStyle: 'full' }, true);

/** Formats a moment in Danish (or English) style, in Copenhagen time: "1. april 2026 kl. 01.30". */
export function formatDateTime(locale: Locale, date: Date): string {
  return dateTimeFormats[locale].format(date);
}

/** The date a moment falls on in Copenhagen: "1. april 2026". */
export function formatDate(locale: Locale, date: Date): string {
  return dateFormats[locale].format(date);
}

/** The time of day of a moment (14.02 in Danish, 14:02 in English), in Copenhagen time. */
export function formatTime(locale: Locale, date: Date): string {
  return timeFormats[locale].format(date);
}

/**
 * A calendar date (YYYY-MM-DD) as Danes write it: "1. januar 2027", or with the weekday "fredag den 12. juni 2026".
 * The date is no moment, so no time zone moves it.
 */
export function formatCalendarDate(locale: Locale, isoDate: string, options: { weekday?: boolean } = {}): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return (options.weekday ? calendarDayFormats : calendarFormats)[locale].format(new Date(Date.UTC(year, month - 1, day)));
}

/**
 * When something takes place, as Danes write it: "onsdag den 24. marts 2027, kl. 09.30–12.00", or with both dates
 * when it runs over several days. Always in Copenhagen time.
 */
export function formatPeriod(locale: Locale, startsAt: Date, endsAt: Date): string {
  const startDay = dayFormats[locale].format(startsAt);
  const endDay = dayFormats[locale].format(endsAt);
  const from = formatTime(locale, startsAt);
  const to = formatTime(locale, endsAt);
  const at = locale === 'da' ? 'kl. ' : '';
  return startDay === endDay ? `${startDay}, ${at}${from}–${to}` : `${startDay}, ${at}${from} – ${endDay}, ${at}${to}`;
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK'),
  en: new Intl.NumberFormat('en-GB'),
};

export function formatNumber(locale: Locale, value: number): string {
  return numberFormats[locale].format(value);
}

/** Picks the best supported locale from an Accept-Language header; Danish unless English is preferred. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = Number(
        rest
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const best = ranked.find((entry) => isLocale(entry.lang));
  return best && isLocale(best.lang) ? best.lang : defaultLocale;
}
