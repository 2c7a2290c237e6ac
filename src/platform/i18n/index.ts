import { da, type MessageKey } from './da.ts';
import { en } from './en.ts';

export type { MessageKey };
export const locales = ['da', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'da';

const catalogues: Record<Locale, Record<MessageKey, string>> = { da, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'da' || value === 'en';
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

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
};

/** Formats a moment in Danish (or English) style, in Copenhagen time. */
export function formatDateTime(locale: Locale, date: Date): string {
  return dateTimeFormats[locale].format(date);
}

const timeFormats: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
  en: new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/Copenhagen' }),
};

/** The time of day of a moment (14.02 in Danish, 14:02 in English), in Copenhagen time. */
export function formatTime(locale: Locale, date: Date): string {
  return timeFormats[locale].format(date);
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
      const q = Number(rest.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const best = ranked.find((entry) => isLocale(entry.lang));
  return best && isLocale(best.lang) ? best.lang : defaultLocale;
}
