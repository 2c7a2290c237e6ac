import { z } from 'zod';
import { notificationKinds } from './notifications.tables.ts';

/** A repeated form field: none (absent), one (a string) or several (an array). */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(item).max(notificationKinds.length),
  );

const kind = z.enum(notificationKinds, { message: 'notifications.error.kinds' });

/** A Danish mobile number as people write it: 8 digits, with or without +45 / 0045 and spaces; kept as +45 and 8 digits. */
export const danishMobile = z
  .string()
  .transform((text) => text.replace(/[\s-]/g, ''))
  .refine((text) => text === '' || /^(?:\+45|0045)?[0-9]{8}$/.test(text), { message: 'notifications.error.phone' })
  .transform((text) => (text === '' ? null : `+45${text.slice(-8)}`));

/** The preferences form: an address, a number, the language, and the kinds mailed and texted. */
export const preferencesSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, { message: 'notifications.error.email' })
    .refine((text) => text === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text), { message: 'notifications.error.email' })
    .transform((text) => (text === '' ? null : text))
    .default(''),
  mobil: danishMobile.default(''),
  sprog: z.enum(['da', 'en'], { message: 'notifications.error.language' }),
  mail: many(kind),
  sms: many(kind),
});

export const notificationParams = z.object({ notificationId: z.uuid() });

/** An unsubscribe link's token: the kind, a dot and the person's secret (64 hex digits). */
export const unsubscribeParams = z.object({ token: z.string().regex(/^[a-z-]{1,30}\.[0-9a-f]{64}$/) });

export const unsubscribedSchema = z.object({ unsubscribed: z.literal(true) }).meta({ id: 'NotificationsUnsubscribed' });

export const centreQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  markeret: z.literal('1').optional(),
});
